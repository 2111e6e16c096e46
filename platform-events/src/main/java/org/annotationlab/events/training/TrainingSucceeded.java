package org.annotationlab.events.training;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A run produced a model: deploy-service registers it from this event (and deploys it when
 * {@code deploy}). {@code modelName} is {@code <project slug>_ner_v<version>}; {@code modelPath}
 * the run's folder in the model store (holding {@code model/}, {@code labels.json},
 * {@code metrics.json}, {@code training.log}).
 */
public record TrainingSucceeded(UUID projectId, UUID runId, String modelName, int version, List<String> labels,
        Metrics metrics, int datasetSize, String datasetSha256, Instant trainedAt, String modelPath, boolean deploy)
        implements TrainingEvent {

    /** Entity-level scores on the run's held-out split (nlp-runner's metrics.json). */
    public record Metrics(Score micro, Score macro, Map<String, Score> perLabel, int trainSentences,
            int validationSentences, int entities) {
    }

    /** Precision, recall, F1; {@code support} = gold mentions (0 for micro/macro). */
    public record Score(double precision, double recall, double f1, int support) {
    }
}
