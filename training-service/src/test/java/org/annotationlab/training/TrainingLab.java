package org.annotationlab.training;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.events.DirectPublisher;
import org.annotationlab.events.DomainEvent;
import org.annotationlab.events.project.ActiveLearningConfigured;
import org.annotationlab.events.project.LabelingConfigChanged;
import org.annotationlab.events.project.MemberAdded;
import org.annotationlab.events.project.ProjectCreated;
import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.events.project.TrainingDefaultsChanged;
import org.annotationlab.training.contract.TrainingParameters;
import org.annotationlab.testing.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The platform around training-service in a test: project-service is played by events published
 * on the real broker; annotation-service runs for real (a process); users call with signed tokens.
 */
public final class TrainingLab {

    private TrainingLab() {
    }

    /** A call to training-service. */
    public static RequestSpecification as(String user) {
        return given().header("Authorization", TestTokens.bearer(user)).contentType(ContentType.JSON);
    }

    /** A call to the annotation-service process. */
    public static RequestSpecification annotation(String user) {
        return given().baseUri(config("lab.test.annotation-service.url")).port(-1)
                .header("Authorization", TestTokens.bearer(user)).contentType(ContentType.JSON);
    }

    /**
     * A project (olivia Owner, anna Annotator, rita Reviewer; label Disease; 1-epoch training
     * defaults) with these active-learning settings, once both services have it.
     */
    public static UUID project(String slug, boolean activeLearning, int everyN) {
        UUID projectId = UUID.randomUUID();
        publish(new ProjectCreated(projectId, slug, slug, null, "olivia"),
                new LabelingConfigChanged(projectId, List.of(new LabelingConfigChanged.LabelBinding("Disease", null)), "<View/>"),
                new MemberAdded(projectId, "olivia", ProjectRole.OWNER),
                new MemberAdded(projectId, "anna", ProjectRole.ANNOTATOR),
                new MemberAdded(projectId, "rita", ProjectRole.REVIEWER),
                new TrainingDefaultsChanged(projectId, TrainingParameters.DEFAULTS.with(Map.of("epochs", 1, "learningRate", 0.003))),
                new ActiveLearningConfigured(projectId, activeLearning, everyN, false));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                annotation("olivia").get("/projects/" + projectId + "/tasks").statusCode() == 200
                        && as("rita").get("/projects/" + projectId + "/trainings/status").statusCode() == 200
                        && as("olivia").get("/projects/" + projectId + "/trainings/status").jsonPath()
                                .getBoolean("activeLearning.enabled") == activeLearning);
        return projectId;
    }

    public static void publish(DomainEvent... events) {
        DirectPublisher.publish(config("kafka.bootstrap.servers"), "project-service", 1, events);
    }

    /** Raw records of {@code topic} about the project whose type ends with {@code type}, once {@code count} are there. */
    public static List<String> records(String topic, UUID projectId, String type, int count, Duration within) {
        ObjectMapper json = new ObjectMapper();
        List<String> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", config("kafka.bootstrap.servers"),
                "group.id", "test-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(within).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    JsonNode event = json.readTree(record.value());
                    if (projectId.toString().equals(record.key()) && event.get("type").asText().endsWith("." + type)) {
                        found.add(record.value());
                    }
                }
                return found.size() >= count;
            });
        }
        return found;
    }

    /** Republishes a raw event record as it was (a redelivery). */
    public static void redeliver(String topic, UUID projectId, String record, String type) {
        DirectPublisher.republish(config("kafka.bootstrap.servers"), topic, projectId.toString(), record, type);
    }

    /** A gold sentence: its text (tokens joined by spaces) and its Disease spans. */
    public record Sentence(String text, List<Map<String, Object>> spans) {
    }

    /** The first {@code n} sentences of the NCBI sample. */
    public static List<Sentence> sentences(int n) {
        List<Sentence> sentences = new ArrayList<>();
        try (InputStream in = TrainingLab.class.getResourceAsStream("/ncbi-sample/train.tsv")) {
            StringBuilder text = new StringBuilder();
            List<Map<String, Object>> spans = new ArrayList<>();
            int[] open = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                if (line.isBlank()) {
                    if (text.length() > 0) {
                        close(spans, open);
                        sentences.add(new Sentence(text.toString(), List.copyOf(spans)));
                        if (sentences.size() == n) {
                            return sentences;
                        }
                    }
                    text.setLength(0);
                    spans.clear();
                    open = null;
                    continue;
                }
                String[] columns = line.split("\t");
                if (text.length() > 0) {
                    text.append(' ');
                }
                int start = text.length();
                text.append(columns[0]);
                String tag = columns[columns.length - 1];
                if (tag.startsWith("B-") || (tag.startsWith("I-") && open == null)) {
                    close(spans, open);
                    open = new int[] {start, text.length()};
                } else if (tag.startsWith("I-")) {
                    open[1] = text.length();
                } else {
                    close(spans, open);
                    open = null;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("the sample has fewer than " + n + " sentences");
    }

    private static void close(List<Map<String, Object>> spans, int[] open) {
        if (open != null) {
            spans.add(Map.of("start", open[0], "end", open[1], "label", "Disease"));
        }
    }

    /** Imports the sentences as tasks (no completions) and returns their task ids in the same order. */
    public static List<String> importTasks(UUID projectId, List<Sentence> sentences) {
        List<Map<String, Object>> tasks = sentences.stream().map(s -> Map.<String, Object>of("text", s.text())).toList();
        annotation("olivia").body(tasks).post("/projects/" + projectId + "/tasks/import?format=json").then().statusCode(200);
        List<Map<String, Object>> listed = annotation("olivia").get("/projects/" + projectId + "/tasks?size=500")
                .then().statusCode(200).extract().jsonPath().getList("items");
        Map<String, String> byText = new HashMap<>();
        listed.forEach(task -> byText.put((String) task.get("text"), (String) task.get("id")));
        return sentences.stream().map(s -> byText.get(s.text())).toList();
    }

    /** olivia submits the gold spans of a sentence as her completion of the task. */
    public static void submit(UUID projectId, String taskId, Sentence sentence) {
        annotation("olivia").body(Map.of("spans", sentence.spans(), "submit", true))
                .post("/projects/" + projectId + "/tasks/" + taskId + "/completions").then().statusCode(201);
    }

    /** The selectedCount of a raw TrainingSetChanged record. */
    public static int selectedCount(String record) {
        try {
            return new ObjectMapper().readTree(record).path("data").path("selectedCount").asInt();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }
}
