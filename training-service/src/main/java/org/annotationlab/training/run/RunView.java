package org.annotationlab.training.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.annotationlab.training.contract.FailureReason;
import org.annotationlab.training.contract.TrainingParameters;

/** A run as the API shows it: state, progress, dataset, outcome. */
public record RunView(UUID id, UUID projectId, int number, RunState state, String phase, FailureReason reason,
        String message, Trigger trigger, String requestedBy, boolean deploy, TrainingParameters parameters,
        List<String> tags, int selectedCount, Dataset dataset, Progress progress, JsonNode metrics, Model model,
        boolean cancelRequested, String cancelledBy, Instant createdAt, Instant startedAt, Instant finishedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The exported training set: completions, spans, spans snapped to tokens or dropped. */
    public record Dataset(Integer size, Long spans, Long spansAdjusted, Long spansDropped, String sha256) {
    }

    /** Epoch k of n and the last epoch's loss. */
    public record Progress(Integer epoch, Integer epochs, Double loss) {
    }

    /** The model a successful run produced. */
    public record Model(String name, int version, List<String> labels) {
    }

    public static RunView of(TrainingRun run) {
        JsonNode metrics;
        try {
            metrics = run.metrics == null ? null : JSON.readTree(run.metrics);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return new RunView(run.id, run.projectId, run.number, run.state, run.phase, run.reason, run.message,
                run.trigger, run.requestedBy, run.deploy, run.parameters(), run.tagList(), run.selectedCount,
                new Dataset(run.datasetSize, run.spans, run.spansAdjusted, run.spansDropped, run.datasetSha256),
                new Progress(run.epoch, run.parameters().epochs(), run.loss), metrics,
                run.modelName == null ? null : new Model(run.modelName, run.modelVersion, run.labelList()),
                run.cancelRequested, run.cancelledBy, run.createdAt, run.startedAt, run.finishedAt);
    }
}
