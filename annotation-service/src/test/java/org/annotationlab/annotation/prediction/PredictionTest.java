package org.annotationlab.annotation.prediction;

import static org.annotationlab.annotation.Lab.as;
import static org.annotationlab.annotation.Lab.assign;
import static org.annotationlab.annotation.Lab.importTasks;
import static org.annotationlab.annotation.Lab.project;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.annotation.Lab;
import org.annotationlab.testing.LabInfra;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LabInfra.class)
class PredictionTest {

    private static Map<String, Object> batch(String version, String taskId, int end, double confidence) {
        return Map.of("model", "ncbi_ner_v1", "modelVersion", version, "predictions", List.of(Map.of(
                "taskId", taskId, "score", confidence,
                "spans", List.of(Map.of("start", 0, "end", end, "label", "Disease", "confidence", confidence)))));
    }

    @Test
    void predictionsNameTheirModelVersionAndARerunReplacesThem() {
        UUID project = project("Disease");
        List<String> t = importTasks(project, "text", "renal failure\n");

        as("olivia").body(batch("1", t.get(0), 5, 0.6)).put("/projects/" + project + "/predictions").then().statusCode(200);
        as("olivia").body(batch("1", t.get(0), 13, 0.9)).put("/projects/" + project + "/predictions").then().statusCode(200);
        as("olivia").body(batch("2", t.get(0), 13, 0.95)).put("/projects/" + project + "/predictions").then().statusCode(200);

        as("olivia").get("/projects/" + project + "/tasks/" + t.get(0) + "/predictions").then().statusCode(200)
                .body("", hasSize(2))
                .body("model", contains("ncbi_ner_v1", "ncbi_ner_v1"))
                .body("modelVersion", contains("2", "1"))
                .body("score", contains(0.95f, 0.9f))
                .body("[1].spans[0].end", equalTo(13))
                .body("[1].spans[0].confidence", equalTo(0.9f));
        List<JsonNode> stored = Lab.annotationEvents(project, "PredictionsStored", 3);
        assertEquals(List.of("ncbi_ner_v1 1 1", "ncbi_ner_v1 1 1", "ncbi_ner_v1 2 1"), stored.stream()
                .map(e -> e.get("data")).map(d -> d.get("model").asText() + " " + d.get("modelVersion").asText()
                        + " " + d.get("tasks").asInt()).toList());
    }

    @Test
    void anAnnotatorAdoptsAPredictionAsTheirDraft() {
        UUID project = project("Disease");
        List<String> t = importTasks(project, "text", "gout\nfever\n");
        assign(project, t.subList(0, 1), "anna", "rita");
        as("olivia").body(batch("1", t.get(0), 4, 0.8)).put("/projects/" + project + "/predictions").then().statusCode(200);
        as("olivia").body(batch("1", t.get(1), 5, 0.7)).put("/projects/" + project + "/predictions").then().statusCode(200);
        String notHers = as("olivia").get("/projects/" + project + "/tasks/" + t.get(1) + "/predictions")
                .then().extract().path("[0].id");
        as("anna").post("/projects/" + project + "/predictions/" + notHers + "/draft").then().statusCode(403);
        String prediction = as("anna").get("/projects/" + project + "/tasks/" + t.get(0) + "/predictions")
                .then().extract().path("[0].id");

        as("anna").post("/projects/" + project + "/predictions/" + prediction + "/draft").then().statusCode(201)
                .body("author", equalTo("anna"))
                .body("submitted", equalTo(false))
                .body("fromPrediction", equalTo(prediction))
                .body("spans[0].label", equalTo("Disease"));
    }

    @Test
    void predictionsForTasksOfAnotherProjectOrWithUnknownLabelsAreRefused() {
        UUID project = project("Disease");
        List<String> t = importTasks(project, "text", "gout\ngout\ngout\n");

        as("olivia").body(batch("1", UUID.randomUUID().toString(), 4, 0.8)).put("/projects/" + project + "/predictions")
                .then().statusCode(422).body("errors[0].field", equalTo("predictions"));
        Map<String, Object> fine = Map.of("taskId", t.get(0), "spans", List.of(Map.of("start", 0, "end", 4,
                "label", "Disease")));
        Map<String, Object> drug = Map.of("taskId", t.get(1), "spans", List.of(Map.of("start", 0, "end", 4,
                "label", "Drug")));
        Map<String, Object> tooLong = Map.of("taskId", t.get(2), "spans", List.of(Map.of("start", 0, "end", 4,
                "label", "Disease"), Map.of("start", 2, "end", 9, "label", "Disease")));
        as("olivia").body(Map.of("model", "ncbi_ner_v1", "modelVersion", "1", "predictions", List.of(fine, drug, tooLong)))
                .put("/projects/" + project + "/predictions").then().statusCode(422)
                .body("errors.field", contains("predictions[1].spans[0].label", "predictions[2].spans[1]",
                        "predictions[2].spans[1]"));
        as("olivia").get("/projects/" + project + "/tasks/" + t.get(0) + "/predictions").then().body("", hasSize(0));
        as("anna").body(batch("1", t.get(0), 4, 0.8)).put("/projects/" + project + "/predictions").then().statusCode(403);
    }
}
