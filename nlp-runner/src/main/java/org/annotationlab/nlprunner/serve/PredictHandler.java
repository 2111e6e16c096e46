package org.annotationlab.nlprunner.serve;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * {@code POST /predict}: runs every requested model (all served models by default) over each
 * text and returns the spans per text, in input order, each naming the model that found it.
 */
final class PredictHandler extends JsonHandler {

    /** Most texts per request; a larger batch should be split by the caller. */
    static final int MAX_TEXTS = 10_000;
    private static final Comparator<PredictedSpan> ORDER = Comparator.comparingInt(PredictedSpan::start)
            .thenComparingInt(PredictedSpan::end).thenComparing(PredictedSpan::model);

    private final ModelRegistry registry;

    PredictHandler(HttpJson http, PrintStream log, ModelRegistry registry) {
        super(http, log);
        this.registry = registry;
    }

    @Override
    protected void handleJson(HttpExchange exchange, String path) throws IOException, HttpJson.Problem {
        if (!"/predict".equals(path)) {
            throw notFound(path);
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            throw methodNotAllowed(exchange, "POST");
        }
        Map<String, LoadedModel> served = registry.snapshot();
        if (served.isEmpty()) {
            throw new HttpJson.Problem(503, "Not ready", "no model is loaded yet");
        }
        JsonNode body = http.readBody(exchange);
        List<String> texts = texts(body);
        List<LoadedModel> models = models(body, served);
        List<List<PredictedSpan>> spans = new ArrayList<>(texts.size());
        List<Map<String, Uncertainty>> uncertainty = new ArrayList<>(texts.size());
        texts.forEach(text -> {
            spans.add(new ArrayList<>());
            uncertainty.add(new TreeMap<>());
        });
        for (LoadedModel model : models) {
            List<TextPrediction> predicted = model.predictWithUncertainty(texts);
            for (int i = 0; i < texts.size(); i++) {
                spans.get(i).addAll(predicted.get(i).spans());
                uncertainty.get(i).put(model.name(), predicted.get(i).uncertainty());
            }
        }
        http.send(exchange, 200, response(spans, uncertainty));
    }

    private static List<String> texts(JsonNode body) throws HttpJson.Problem {
        JsonNode texts = body.get("texts");
        if (texts == null || !texts.isArray()) {
            throw new HttpJson.Problem(422, "Invalid prediction request",
                    "expected {\"texts\": [\"...\", ...]} with an optional \"models\": [\"<name>\", ...]");
        }
        if (texts.size() > MAX_TEXTS) {
            throw new HttpJson.Problem(422, "Invalid prediction request",
                    texts.size() + " texts in one request; at most " + MAX_TEXTS + " are accepted");
        }
        List<String> result = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            if (!texts.get(i).isTextual()) {
                throw new HttpJson.Problem(422, "Invalid prediction request", "texts[" + i + "] is not a string");
            }
            result.add(texts.get(i).asText());
        }
        return result;
    }

    private static List<LoadedModel> models(JsonNode body, Map<String, LoadedModel> served) throws HttpJson.Problem {
        JsonNode names = body.get("models");
        if (names == null || names.isNull()) {
            return List.copyOf(served.values());
        }
        if (!names.isArray()) {
            throw new HttpJson.Problem(422, "Invalid prediction request", "\"models\" must be an array of names");
        }
        List<LoadedModel> models = new ArrayList<>();
        for (JsonNode name : names) {
            LoadedModel model = served.get(name.asText());
            if (!name.isTextual() || model == null) {
                throw new HttpJson.Problem(422, "Unknown model", "model " + name + " is not loaded (loaded: "
                        + String.join(", ", served.keySet()) + ")");
            }
            models.add(model);
        }
        return models;
    }

    /**
     * Per text: its spans, and under {@code uncertainty} each model's measures of the whole text
     * ({@link Uncertainty}; {@code entropy} is null when the model gave only its chosen tags' probabilities).
     */
    private ObjectNode response(List<List<PredictedSpan>> spans, List<Map<String, Uncertainty>> uncertainty) {
        ObjectNode body = http.mapper().createObjectNode();
        ArrayNode results = body.putArray("results");
        for (int t = 0; t < spans.size(); t++) {
            ObjectNode result = results.addObject();
            ArrayNode array = result.putArray("spans");
            ObjectNode measures = result.putObject("uncertainty");
            uncertainty.get(t).forEach((model, u) -> {
                ObjectNode m = measures.putObject(model)
                        .put("leastConfidence", u.leastConfidence())
                        .put("mnlp", u.mnlp())
                        .put("tokens", u.tokens());
                if (Double.isNaN(u.entropy())) {
                    m.putNull("entropy");
                } else {
                    m.put("entropy", u.entropy());
                }
            });
            spans.get(t).stream().sorted(ORDER).forEach(span -> array.addObject()
                    .put("start", span.start())
                    .put("end", span.end())
                    .put("text", span.text())
                    .put("label", span.label())
                    .put("model", span.model())
                    .put("confidence", span.confidence()));
        }
        return body;
    }
}
