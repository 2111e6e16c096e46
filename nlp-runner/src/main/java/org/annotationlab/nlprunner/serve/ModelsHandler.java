package org.annotationlab.nlprunner.serve;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/** {@code GET /models} lists the served models; {@code PUT /models} loads and swaps in a new list. */
final class ModelsHandler extends JsonHandler {

    private final ModelRegistry registry;

    ModelsHandler(HttpJson http, PrintStream log, ModelRegistry registry) {
        super(http, log);
        this.registry = registry;
    }

    @Override
    protected void handleJson(HttpExchange exchange, String path) throws IOException, HttpJson.Problem {
        if (!"/models".equals(path)) {
            throw notFound(path);
        }
        switch (exchange.getRequestMethod()) {
            case "GET" -> http.send(exchange, 200, list());
            case "PUT" -> {
                try {
                    registry.replace(ModelSpec.fromMap(requestedModels(http.readBody(exchange))));
                } catch (IllegalArgumentException e) {
                    throw new HttpJson.Problem(422, "Invalid model list", e.getMessage());
                } catch (ModelLoadException e) {
                    throw new HttpJson.Problem(422, "Model list not loaded; the previous one is still served",
                            e.getMessage());
                }
                http.send(exchange, 200, list());
            }
            default -> throw methodNotAllowed(exchange, "GET, PUT");
        }
    }

    private static Map<String, String> requestedModels(JsonNode body) throws HttpJson.Problem {
        JsonNode models = body.get("models");
        if (models == null || !models.isObject()) {
            throw new HttpJson.Problem(422, "Invalid model list",
                    "expected {\"models\": {\"<name>\": \"<path>\", ...}}");
        }
        Map<String, String> specs = new LinkedHashMap<>();
        for (var it = models.fields(); it.hasNext(); ) {
            var entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw new HttpJson.Problem(422, "Invalid model list", "the path of model '" + entry.getKey()
                        + "' must be a string");
            }
            specs.put(entry.getKey(), entry.getValue().asText());
        }
        return specs;
    }

    private ObjectNode list() {
        ObjectNode body = http.mapper().createObjectNode();
        ArrayNode models = body.putArray("models");
        for (LoadedModel model : registry.all()) {
            ObjectNode node = models.addObject();
            node.put("name", model.name());
            ArrayNode labels = node.putArray("labels");
            model.labels().forEach(labels::add);
            node.put("path", model.path());
        }
        return body;
    }
}
