package org.annotationlab.nlprunner.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The hyper-parameters of one training run, read from the {@code params.json} file that
 * training-service writes. Every key is optional; an unknown key or a value out of range is an
 * {@link FailureReason#INVALID_PARAMETERS} failure naming the key.
 *
 * @param validationSplit share of sentences held out for evaluation, 0..0.5 (default 0.2)
 * @param epochs          training epochs, 1..200 (default 10)
 * @param learningRate    initial learning rate, (0..1] (default 0.001)
 * @param decay           learning-rate decay per epoch ({@code lr / (1 + decay * epoch)}), 0..1 (default 0.005)
 * @param dropout         dropout rate, [0..1) (default 0.5)
 * @param batchSize       sentences per batch, 1..1024 (default 8)
 * @param seed            random seed for the split, the embeddings and the network (default 42)
 */
public record TrainingParameters(double validationSplit, int epochs, double learningRate, double decay,
                                 double dropout, int batchSize, int seed) {

    private static final Set<String> KEYS = Set.of(
            "validationSplit", "epochs", "learningRate", "decay", "dropout", "batchSize", "seed");

    /** The documented defaults. */
    public static TrainingParameters defaults() {
        return new TrainingParameters(0.2, 10, 0.001, 0.005, 0.5, 8, 42);
    }

    /** Reads and validates a parameters file. */
    public static TrainingParameters read(Path file, ObjectMapper json) throws TrainingFailure {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw TrainingFailure.invalid("parameters file " + file + " does not exist");
        } catch (IOException e) {
            throw TrainingFailure.invalid("cannot read parameters file " + file + ": " + e.getMessage());
        }
        if (text.isBlank()) {
            return defaults();
        }
        try {
            return fromJson(json.readTree(text));
        } catch (JsonProcessingException e) {
            throw TrainingFailure.invalid("parameters file " + file + " is not valid JSON: "
                    + e.getOriginalMessage());
        }
    }

    /** Validates a parsed parameters object. */
    public static TrainingParameters fromJson(JsonNode node) throws TrainingFailure {
        if (!node.isObject()) {
            throw TrainingFailure.invalid("parameters must be a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String key = it.next().getKey();
            if (!KEYS.contains(key)) {
                throw TrainingFailure.invalid("unknown parameter '" + key + "' (known: " + String.join(", ",
                        KEYS.stream().sorted().toList()) + ")");
            }
        }
        TrainingParameters d = defaults();
        return new TrainingParameters(
                number(node, "validationSplit", d.validationSplit, 0, true, 0.5, true),
                integer(node, "epochs", d.epochs, 1, 200),
                number(node, "learningRate", d.learningRate, 0, false, 1, true),
                number(node, "decay", d.decay, 0, true, 1, true),
                number(node, "dropout", d.dropout, 0, true, 1, false),
                integer(node, "batchSize", d.batchSize, 1, 1024),
                integer(node, "seed", d.seed, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    private static double number(JsonNode node, String key, double fallback, double min, boolean minInclusive,
                                 double max, boolean maxInclusive) throws TrainingFailure {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber()) {
            throw TrainingFailure.invalid("parameter '" + key + "' must be a number, got " + value);
        }
        double x = value.asDouble();
        boolean aboveMin = minInclusive ? x >= min : x > min;
        boolean belowMax = maxInclusive ? x <= max : x < max;
        if (!aboveMin || !belowMax) {
            throw TrainingFailure.invalid("parameter '" + key + "' must be in " + (minInclusive ? "[" : "(")
                    + min + ", " + max + (maxInclusive ? "]" : ")") + ", got " + value);
        }
        return x;
    }

    private static int integer(JsonNode node, String key, int fallback, int min, int max) throws TrainingFailure {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw TrainingFailure.invalid("parameter '" + key + "' must be an integer, got " + value);
        }
        int x = value.asInt();
        if (x < min || x > max) {
            throw TrainingFailure.invalid("parameter '" + key + "' must be in [" + min + ", " + max + "], got " + x);
        }
        return x;
    }
}
