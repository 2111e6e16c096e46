package org.annotationlab.annotation.prediction;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
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

    /**
     * The spans a model predicted for one task, with an overall score (their mean confidence) and
     * the model's uncertainty about the whole text (optional).
     */
    public record TaskPrediction(@NotNull UUID taskId, @NotNull @Size(max = 2000) List<@Valid @NotNull Span> spans,
            @DecimalMin("0") @DecimalMax("1") Double score, @Valid Uncertainty uncertainty) {
    }

    /**
     * How unsure the model is of its tags for the whole text, each measure higher for a more
     * uncertain text (the model server's measures, nlp-runner's {@code Uncertainty}).
     *
     * @param leastConfidence 1 − P(best tag path), 0..1
     * @param mnlp            −log P(best tag path) / tokens, ≥ 0
     * @param entropy         mean token entropy over all tags (nats), ≥ 0; null when the model gave none
     */
    public record Uncertainty(@NotNull @DecimalMin("0") @DecimalMax("1") Double leastConfidence,
            @NotNull @DecimalMin("0") Double mnlp, @DecimalMin("0") Double entropy) {

        /** The measures as stored (a prediction's, or a task's newest), null when none were given. */
        public static Uncertainty of(Double leastConfidence, Double mnlp, Double entropy) {
            return mnlp == null ? null : new Uncertainty(leastConfidence, mnlp, entropy);
        }
    }

    /** A stored prediction. */
    public record View(UUID id, UUID taskId, String model, String modelVersion, List<Span> spans, Double score,
            Uncertainty uncertainty, OffsetDateTime createdAt) {
    }
}
