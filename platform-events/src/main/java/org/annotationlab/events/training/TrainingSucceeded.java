package org.annotationlab.events.training;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.annotationlab.training.contract.Metrics;

/**
 * A run produced a model: deploy-service registers it from this event (and deploys it when
 * {@code deploy}). {@code modelName} is {@code <project slug>_ner_v<version>}; {@code modelPath}
 * the run's folder in the model store (holding {@code model/}, {@code labels.json},
 * {@code metrics.json}, {@code training.log}); {@code metrics} are the run's scores on its held-out
 * sentences, as nlp-runner wrote them.
 */
public record TrainingSucceeded(UUID projectId, UUID runId, String modelName, int version, List<String> labels,
        Metrics metrics, int datasetSize, String datasetSha256, Instant trainedAt, String modelPath, boolean deploy)
        implements TrainingEvent {
}
