package org.annotationlab.annotation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.annotationlab.events.DomainEvent;
import org.annotationlab.events.EventCodec;
import org.annotationlab.events.EventEnvelope;
import org.annotationlab.events.EventRecords;
import org.annotationlab.events.Topics;
import org.annotationlab.events.project.LabelingConfigChanged;
import org.annotationlab.events.project.MemberAdded;
import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.testing.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A test's view of the platform around annotation-service: projects exist because project-service
 * events say so (published here on the real broker), users call the API with signed tokens.
 */
public final class Lab {

    private static final EventCodec CODEC = new EventCodec();

    private Lab() {
    }

    public static RequestSpecification as(String user) {
        return given().header("Authorization", TestTokens.bearer(user)).contentType(ContentType.JSON);
    }

    /** A project with these members (user → role) and labels, once annotation-service has consumed it. */
    public static UUID project(Map<String, ProjectRole> members, String... labels) {
        UUID projectId = UUID.randomUUID();
        List<DomainEvent> events = new ArrayList<>();
        events.add(new LabelingConfigChanged(projectId, List.of(labels).stream()
                .map(l -> new LabelingConfigChanged.LabelBinding(l, null)).toList(), "<View/>"));
        members.forEach((user, role) -> events.add(new MemberAdded(projectId, user, role)));
        publish(events.toArray(DomainEvent[]::new));
        members.keySet().forEach(user -> await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> as(user).get("/projects/" + projectId + "/tasks").statusCode() == 200));
        return projectId;
    }

    /** The usual cast: olivia (Owner), anna (Annotator), rita (Reviewer). */
    public static UUID project(String... labels) {
        Map<String, ProjectRole> members = new LinkedHashMap<>();
        members.put("olivia", ProjectRole.OWNER);
        members.put("anna", ProjectRole.ANNOTATOR);
        members.put("rita", ProjectRole.REVIEWER);
        members.put("max", ProjectRole.MANAGER);
        return project(members, labels);
    }

    /** An event as published: its envelope carries the id a consumer deduplicates on. */
    public record Published(DomainEvent event, EventEnvelope envelope) {
    }

    /** Publishes each event in a new envelope, in order, as project-service's outbox relay would. */
    public static List<Published> publish(DomainEvent... events) {
        List<Published> published = new ArrayList<>();
        for (DomainEvent event : events) {
            published.add(new Published(event, CODEC.wrap(event, "project-service")));
        }
        send(published);
        return published;
    }

    /** Sends already published events again, envelopes and ids unchanged: a redelivery. */
    public static void redeliver(List<Published> published) {
        send(published);
    }

    private static void send(List<Published> published) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap()),
                new StringSerializer(), new StringSerializer())) {
            for (Published p : published) {
                // Exactly what the outbox relay sends, headers included.
                producer.send(new ProducerRecord<>(p.event().topic(), null, p.event().projectId().toString(),
                        CODEC.encode(p.envelope()), EventRecords.headers(p.event().type()))).get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish test events", e);
        }
    }

    /** The events annotation-service published about a project, once at least {@code count} arrived. */
    public static List<JsonNode> annotationEvents(UUID projectId, String type, int count) {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap(),
                "group.id", "test-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.ANNOTATIONS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    JsonNode event = json.readTree(record.value());
                    if (projectId.toString().equals(record.key()) && event.get("type").asText().endsWith("." + type)) {
                        found.add(event);
                    }
                }
                return found.size() >= count;
            });
        }
        return found;
    }

    /** Imports tasks as olivia and returns their ids in order. */
    /** Waits until the last {@code TrainingSetChanged} of the project says {@code count} (30 s at most). */
    public static void awaitSelectedCount(UUID projectId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<JsonNode> changes = annotationEvents(projectId, "TrainingSetChanged", 1);
            return changes.get(changes.size() - 1).get("data").get("selectedCount").asInt() == count;
        });
    }

    public static List<String> importTasks(UUID projectId, String format, String body) {
        as("olivia").contentType("text/plain").body(body)
                .post("/projects/" + projectId + "/tasks/import?format=" + format).then().statusCode(200);
        return as("olivia").get("/projects/" + projectId + "/tasks?size=500").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
    }

    /** A completion by {@code user} of one Disease span; its id. */
    public static String complete(UUID projectId, String user, String taskId, int start, int end, boolean submit) {
        return as(user).body(Map.of("spans", List.of(Map.of("start", start, "end", end, "label", "Disease")),
                        "submit", submit))
                .post("/projects/" + projectId + "/tasks/" + taskId + "/completions").then().statusCode(201)
                .extract().path("id");
    }

    /** {@code reviewer} accepts or rejects a completion. */
    public static void review(UUID projectId, String reviewer, String completionId, String status) {
        as(reviewer).body(Map.of("status", status))
                .post("/projects/" + projectId + "/completions/" + completionId + "/review").then().statusCode(200);
    }

    public static void assign(UUID projectId, List<String> taskIds, String annotator, String reviewer) {
        as("olivia").body(Map.of("taskIds", taskIds, "assignee", annotator, "reviewer", reviewer))
                .put("/projects/" + projectId + "/tasks/assignment").then().statusCode(200);
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
