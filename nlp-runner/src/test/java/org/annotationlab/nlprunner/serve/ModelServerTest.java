package org.annotationlab.nlprunner.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.annotationlab.nlprunner.TrainedModelFixture;
import org.annotationlab.nlprunner.conll.ConllParser;
import org.annotationlab.nlprunner.conll.ConllSentence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The model server over HTTP: health, models, batch prediction, bad requests and reloads. */
class ModelServerTest {

    private static String text;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static ModelServer server;
    private static String model;

    @BeforeAll
    static void start() throws Exception {
        assertEquals(0, TrainedModelFixture.run().exitCode());
        model = TrainedModelFixture.output().toAbsolutePath().toString();
        // Sentences the (2-epoch) model was trained on, so it reliably finds entities in them.
        text = new ConllParser().parse(TrainedModelFixture.SAMPLE).stream().limit(60)
                .filter(s -> !s.entities().isEmpty()).map(ConllSentence::text).collect(Collectors.joining(" "));
        server = new ServeCommand(QUIET).start(List.of("--port", "0", "--host", "127.0.0.1",
                "--models", "genes=" + model + ",diseases=" + model + "/model"));
        awaitReady(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static void awaitReady(ModelServer server) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (get(server, "/health/ready").statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "models not ready within 120 s");
            Thread.onSpinWait();
        }
    }

    static HttpResponse<String> get(ModelServer server, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri(server, path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> send(ModelServer server, String method, String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri(server, path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(ModelServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void liveAndReadyAnswer200OnceModelsAreLoaded() throws Exception {
        assertEquals(200, get(server, "/health/live").statusCode());
        assertEquals(200, get(server, "/health/ready").statusCode());
    }

    @Test
    void listsLoadedModelsWithTheirLabelsAndPaths() throws Exception {
        JsonNode models = JSON.readTree(get(server, "/models").body()).get("models");

        assertEquals(2, models.size());
        assertEquals("genes", models.get(0).get("name").asText());
        assertEquals("[\"Disease\"]", models.get(0).get("labels").toString());
        assertEquals(model + "/model", models.get(1).get("path").asText());
    }

    @Test
    void predictsSpansPerTextInInputOrderWithEveryModel() throws Exception {
        HttpResponse<String> response = send(server, "POST", "/predict",
                JSON.writeValueAsString(java.util.Map.of("texts", List.of(text, "", "No entity here."))));

        assertEquals(200, response.statusCode(), response.body());
        JsonNode results = JSON.readTree(response.body()).get("results");
        assertEquals(3, results.size());
        JsonNode spans = results.get(0).get("spans");
        assertTrue(spans.size() > 0, response.body());
        Set<String> models = new HashSet<>();
        for (JsonNode span : spans) {
            int start = span.get("start").asInt();
            int end = span.get("end").asInt();
            assertEquals(text.substring(start, end), span.get("text").asText());
            assertEquals("Disease", span.get("label").asText());
            models.add(span.get("model").asText());
        }
        assertEquals(Set.of("genes", "diseases"), models);
        assertEquals(0, results.get(1).get("spans").size());
        for (String model : List.of("genes", "diseases")) {
            JsonNode u = results.get(0).get("uncertainty").get(model);
            assertTrue(u.get("mnlp").asDouble() >= 0 && u.get("entropy").isNumber(), response.body());
            assertTrue(u.get("tokens").asInt() > 0 && u.get("leastConfidence").asDouble() <= 1, response.body());
            assertEquals(0, results.get(1).get("uncertainty").get(model).get("tokens").asInt());
            JsonNode shortText = results.get(2).get("uncertainty").get(model);
            assertEquals(4, shortText.get("tokens").asInt(), response.body());
            assertTrue(shortText.get("leastConfidence").asDouble() > 0 && shortText.get("leastConfidence").asDouble() < 1);
        }
    }

    @Test
    void restrictsPredictionToTheRequestedModels() throws Exception {
        HttpResponse<String> response = send(server, "POST", "/predict",
                JSON.writeValueAsString(java.util.Map.of("texts", List.of(text), "models", List.of("diseases"))));

        JsonNode spans = JSON.readTree(response.body()).get("results").get(0).get("spans");
        assertTrue(spans.size() > 0, response.body());
        for (JsonNode span : spans) {
            assertEquals("diseases", span.get("model").asText());
        }
    }

    @Test
    void badRequestsGetProblemResponsesAndTheServerKeepsServing() throws Exception {
        assertProblem(send(server, "POST", "/predict", "{\"texts\": [\"unterminated"), 400);
        assertProblem(send(server, "POST", "/predict", ""), 400);
        assertProblem(send(server, "POST", "/predict", "{\"text\": \"singular\"}"), 422);
        assertProblem(send(server, "POST", "/predict", "{\"texts\": [1, 2]}"), 422);
        assertProblem(send(server, "POST", "/predict", "{\"texts\": [\"a\"], \"models\": [\"nope\"]}"), 422);
        assertProblem(send(server, "DELETE", "/models", ""), 405);
        assertProblem(get(server, "/nothing-here"), 404);

        assertEquals(200, send(server, "POST", "/predict", "{\"texts\": [\"still up\"]}").statusCode());
    }

    private static void assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode problem = JSON.readTree(response.body());
        assertEquals(status, problem.get("status").asInt());
        assertTrue(problem.hasNonNull("title") && problem.hasNonNull("detail"), response.body());
    }
}
