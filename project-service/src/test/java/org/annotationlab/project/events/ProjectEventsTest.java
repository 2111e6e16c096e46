package org.annotationlab.project.events;

import static org.annotationlab.project.Api.addMember;
import static org.annotationlab.project.Api.as;
import static org.annotationlab.project.Api.createProject;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.events.Topics;
import org.annotationlab.testing.LabInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The outbox relay publishes every change on lab.projects, as CloudEvents keyed by project, in order. */
@QuarkusTest
@QuarkusTestResource(LabInfra.class)
class ProjectEventsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void projectLifecycleIsPublishedAsCloudEventsInOrder() throws Exception {
        String id = createProject("olivia");
        addMember(id, "olivia", "anna", "ANNOTATOR");
        as("olivia").body(Map.of("role", "REVIEWER")).put("/projects/" + id + "/members/anna").then().statusCode(200);
        as("olivia").contentType("application/xml")
                .body("<View><Labels name=\"l\" toName=\"t\"><Label value=\"Disease\"/></Labels><Text name=\"t\" value=\"$text\"/></View>")
                .put("/projects/" + id + "/labeling-config").then().statusCode(200);
        as("olivia").body(Map.of("enabled", true, "everyNCompletions", 10, "deployAfterTraining", true))
                .put("/projects/" + id + "/active-learning").then().statusCode(200);
        as("olivia").delete("/projects/" + id + "/members/anna").then().statusCode(204);

        List<JsonNode> events = readEventsOf(id, 9);

        assertEquals(List.of("ProjectCreated", "MemberAdded", "TrainingDefaultsChanged", "ActiveLearningConfigured",
                "MemberAdded", "MemberRoleChanged", "LabelingConfigChanged", "ActiveLearningConfigured",
                "MemberRemoved"), events.stream().map(e -> e.get("type").asText().substring("lab.projects.".length())).toList());
        JsonNode first = events.get(0);
        assertEquals("1.0", first.get("specversion").asText());
        assertEquals("project-service", first.get("source").asText());
        assertEquals(id, first.get("subject").asText());
        assertEquals("olivia", first.get("data").get("createdBy").asText());
        assertEquals("REVIEWER", events.get(5).get("data").get("role").asText());
        assertEquals("Disease", events.get(6).get("data").get("labels").get(0).get("label").asText());
        assertEquals(10, events.get(7).get("data").get("everyNCompletions").asInt());
        assertEquals(events.size(), new HashSet<>(events.stream().map(e -> e.get("id").asText()).toList()).size());
    }

    private List<JsonNode> readEventsOf(String projectId, int atLeast) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", bootstrap, "group.id", "test-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.PROJECTS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    if (projectId.equals(record.key())) {
                        assertTrue(new String(record.headers().lastHeader("content-type").value())
                                .equals("application/cloudevents+json"));
                        events.add(json.readTree(record.value()));
                    }
                }
                return events.size() >= atLeast;
            });
        }
        return events;
    }
}
