package org.annotationlab.annotation.task;

import static org.annotationlab.annotation.Lab.as;
import static org.annotationlab.annotation.Lab.importTasks;
import static org.annotationlab.annotation.Lab.project;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.testing.LabInfra;
import org.junit.jupiter.api.Test;

/**
 * Inputs that once reached PostgreSQL and came back as 500s (issue 20, item 6): a NUL character
 * in an import, a body or a parameter, a page past the end of the integers, a task predicted twice
 * in one batch, a score too large for a double. Each is a 4xx naming the field or the line, and
 * nothing is written.
 */
@QuarkusTest
@QuarkusTestResource(LabInfra.class)
class UnstorableInputTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void aNulCharacterInAnImportIsRefusedNamingItsLine() {
        UUID project = project("Disease");
        importRefused(project, "json", "[{\"text\": \"renal\\u0000failure\"}]", "line 1");
        importRefused(project, "text", "fever\nrenal\u0000failure\n", "line 2");
        importRefused(project, "conll", "renal\tO\nfail\u0000ure\tB-Disease\n", "line");
        importRefused(project, "text", new String(new byte[] {'a', 0, (byte) 0xff, 0, 'b'}, java.nio.charset.StandardCharsets.ISO_8859_1), "line 1");
        as("olivia").get("/projects/" + project + "/tasks").then().body("total", equalTo(0));
    }

    @Test
    void aNulCharacterInAParameterIsABadRequestNamingIt() {
        UUID project = project("Disease");
        for (String path : List.of("/tasks?tag=a%00b", "/tasks?assignee=a%00b", "/training-set/summary?tags=a%00b",
                "/training-set?tags=a%00b")) {
            as("olivia").urlEncodingEnabled(false).get("/projects/" + project + path)
                    .then().statusCode(400).contentType(PROBLEM).body("reason", equalTo("INVALID_PARAMETER"))
                    .body("errors.field", hasItem(path.substring(path.indexOf('?') + 1, path.indexOf('='))));
        }
        as("olivia").get("/projects/" + project + "/tasks?page=2147483647&size=500")
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", hasItem("page"));
    }

    @Test
    void aPredictionBatchWithANulModelATaskTwiceOrAnInfiniteScoreIsRefused() {
        UUID project = project("Disease");
        String task = importTasks(project, "text", "renal failure\n").get(0);
        Map<String, Object> span = Map.of("start", 0, "end", 5, "label", "Disease");
        Map<String, Object> prediction = Map.of("taskId", task, "spans", List.of(span));

        as("olivia").body(Map.of("model", "ncbi\u0000ner", "modelVersion", "1", "predictions", List.of(prediction)))
                .put("/projects/" + project + "/predictions")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("model"));
        as("olivia").body(Map.of("model", "ncbi_ner", "modelVersion", "1", "predictions", List.of(prediction, prediction)))
                .put("/projects/" + project + "/predictions")
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", hasItem("predictions[1].taskId"));
        as("olivia").body("{\"model\": \"ncbi_ner\", \"modelVersion\": \"1\", \"predictions\": [{\"taskId\": \"" + task
                        + "\", \"score\": 1e309, \"spans\": []}]}")
                .put("/projects/" + project + "/predictions")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("predictions[0].score"));
        as("olivia").get("/projects/" + project + "/tasks/" + task + "/predictions").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    private static void importRefused(UUID project, String format, String body, String where) {
        as("olivia").contentType("text/plain; charset=UTF-8").body(body)
                .post("/projects/" + project + "/tasks/import?format=" + format)
                .then().statusCode(422).contentType(PROBLEM).body("reason", equalTo("INVALID_IMPORT"))
                .body("detail", containsString(where)).body("detail", containsString("NUL"));
    }
}
