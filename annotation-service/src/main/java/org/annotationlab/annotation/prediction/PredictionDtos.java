package org.annotationlab.annotation.prediction;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.annotationlab.annotation.span.Span;

/** Request and response bodies of the prediction resource. */
public final class PredictionDtos {

    private PredictionDtos() {
    }

    /** A batch of predictions by one model version (what preannotation-service writes). */
    public record Batch(@NotBlank @Size(max = 200) String model, @NotBlank @Size(max = 50) String modelVersion,
            @NotEmpty @Size(max = 5000) List<@Valid @NotNull TaskPrediction> predictions) {
    }

    /** The spans a model predicted for one task, with an overall score. */
    public record TaskPrediction(@NotNull UUID taskId, @NotNull @Size(max = 2000) List<@Valid @NotNull Span> spans,
            Double score) {
    }

    /** A stored prediction. */
    public record View(UUID id, UUID taskId, String model, String modelVersion, List<Span> spans, Double score,
            OffsetDateTime createdAt) {
    }
}
