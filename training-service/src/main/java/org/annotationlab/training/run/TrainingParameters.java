package org.annotationlab.training.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The parameters of one run, as written to nlp-runner's {@code params.json}. */
public record TrainingParameters(double validationSplit, int epochs, double learningRate, double decay,
        double dropout, int batchSize) {

    /** nlp-runner's defaults, and a new project's (project-service starts projects with them). */
    public static final TrainingParameters DEFAULTS = new TrainingParameters(0.2, 10, 0.001, 0.005, 0.5, 8);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** These parameters with the request's non-null values over them. */
    public TrainingParameters with(TrainRequest request) {
        return new TrainingParameters(
                request.validationSplit() != null ? request.validationSplit() : validationSplit,
                request.epochs() != null ? request.epochs() : epochs,
                request.learningRate() != null ? request.learningRate() : learningRate,
                request.decay() != null ? request.decay() : decay,
                request.dropout() != null ? request.dropout() : dropout,
                request.batchSize() != null ? request.batchSize() : batchSize);
    }

    public String toJson() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("validationSplit", validationSplit);
        map.put("epochs", epochs);
        map.put("learningRate", learningRate);
        map.put("decay", decay);
        map.put("dropout", dropout);
        map.put("batchSize", batchSize);
        try {
            return JSON.writeValueAsString(map);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TrainingParameters fromJson(String json) {
        try {
            return JSON.readValue(json, TrainingParameters.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
