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

    /**
     * Issue 20, item 7: each endpoint reads a body only up to its limit — 1 MB for a completion,
     * 256 MB for an import — and refuses a larger one from its Content-Length, before reading it.
     */
    @Test
    void aBodyOverTheEndpointsLimitIsRefusedBeforeItIsRead() throws Exception {
        UUID project = project("Disease");
        String task = importTasks(project, "text", "renal failure\n").get(0);
        String completions = "/projects/" + project + "/tasks/" + task + "/completions";

        // 100 MB announced, not one byte sent: the 413 comes back at once.
        String status = statusLine("POST " + completions + " HTTP/1.1", "Content-Length: 104857600");
        org.junit.jupiter.api.Assertions.assertTrue(status.startsWith("HTTP/1.1 413 "), status);
        // Without a length (chunked) where the limit is small: 411, also before reading.
        status = statusLine("POST " + completions + " HTTP/1.1", "Transfer-Encoding: chunked");
        org.junit.jupiter.api.Assertions.assertTrue(status.startsWith("HTTP/1.1 411 "), status);
        String twoMegabytes = "{\"spans\": [], \"submit\": false, \"pad\": \"" + "x".repeat(2 << 20) + "\"}";
        as("anna").body(twoMegabytes).post(completions).then().statusCode(413).contentType(PROBLEM)
                .body("reason", equalTo("PAYLOAD_TOO_LARGE")).body("detail", containsString("at most 1048576"));
        // An import has room: 2 MB of tasks are imported.
        String lines = "renal failure in a patient with fever .\n".repeat(52_000);
        as("olivia").contentType("text/plain; charset=UTF-8").body(lines).post("/projects/" + project + "/tasks/import?format=text")
                .then().statusCode(200).body("imported", equalTo(52_000));
        as("olivia").get(completions).then().statusCode(200).body("size()", equalTo(0));
    }

    /** The status line answered to a request's head sent alone (its body never follows). */
    private static String statusLine(String requestLine, String bodyHeader) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((requestLine + "\r\nHost: localhost\r\nAuthorization: "
                    + org.annotationlab.testing.TestTokens.bearer("anna") + "\r\nContent-Type: application/json\r\n"
                    + bodyHeader + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return String.valueOf(new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine());
        }
    }

    private static void importRefused(UUID project, String format, String body, String where) {
        as("olivia").contentType("text/plain; charset=UTF-8").body(body)
                .post("/projects/" + project + "/tasks/import?format=" + format)
                .then().statusCode(422).contentType(PROBLEM).body("reason", equalTo("INVALID_IMPORT"))
                .body("detail", containsString(where)).body("detail", containsString("NUL"));
    }
}
