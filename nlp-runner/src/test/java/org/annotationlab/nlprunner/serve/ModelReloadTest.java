package org.annotationlab.nlprunner.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.util.List;

import org.annotationlab.nlprunner.TrainedModelFixture;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** PUT /models swaps the served list without a restart; a list that fails to load changes nothing. */
class ModelReloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void reloadSwapsTheModelListAndAFailedReloadKeepsTheOldOneServing() throws Exception {
        assertEquals(0, TrainedModelFixture.run().exitCode());
        String model = TrainedModelFixture.output().toAbsolutePath().toString();
        try (ModelServer server = new ServeCommand(new PrintStream(OutputStream.nullOutputStream()))
                .start(List.of("--port", "0", "--host", "127.0.0.1", "--models", "v1=" + model))) {
            ModelServerTest.awaitReady(server);

            HttpResponse<String> swapped = ModelServerTest.send(server, "PUT", "/models",
                    "{\"models\": {\"v2\": \"" + model + "\"}}");
            assertEquals(200, swapped.statusCode(), swapped.body());
            assertEquals(List.of("v2"), names(ModelServerTest.get(server, "/models").body()));

            HttpResponse<String> failed = ModelServerTest.send(server, "PUT", "/models",
                    "{\"models\": {\"v3\": \"/no/such/model\"}}");
            assertEquals(422, failed.statusCode());
            assertTrue(JSON.readTree(failed.body()).get("detail").asText().contains("/no/such/model"));
            assertEquals(List.of("v2"), names(ModelServerTest.get(server, "/models").body()));

            HttpResponse<String> predicted = ModelServerTest.send(server, "POST", "/predict",
                    "{\"texts\": [\"Hereditary breast and ovarian cancer.\"], \"models\": [\"v2\"]}");
            assertEquals(200, predicted.statusCode(), predicted.body());
            assertEquals(422, ModelServerTest.send(server, "POST", "/predict",
                    "{\"texts\": [\"x\"], \"models\": [\"v1\"]}").statusCode());
        }
    }

    private static List<String> names(String body) throws Exception {
        return JSON.readTree(body).get("models").findValuesAsText("name");
    }
}
