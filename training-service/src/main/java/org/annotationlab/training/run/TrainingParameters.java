package org.annotationlab.training.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.annotationlab.web.persistence.JsonColumns;

/** The parameters of one run, as written to nlp-runner's {@code params.json}. */
public record TrainingParameters(double validationSplit, int epochs, double learningRate, double decay,
        double dropout, int batchSize) {

    /** nlp-runner's defaults, and a new project's (project-service starts projects with them). */
    public static final TrainingParameters DEFAULTS = new TrainingParameters(0.2, 10, 0.001, 0.005, 0.5, 8);

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
        return JsonColumns.write(map);
    }

    public static TrainingParameters fromJson(String json) {
        return JsonColumns.read(json, new com.fasterxml.jackson.core.type.TypeReference<TrainingParameters>() { });
    }
}
