package org.annotationlab.training.run;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Train Now: any parameter given overrides the project's default; {@code tags} restricts the
 * training set to tasks with any of them; {@code deploy} deploys the model when the run succeeds.
 * Ranges are nlp-runner's (and project-service's for the defaults).
 */
public record TrainRequest(
        @DecimalMin("0.0") @DecimalMax("0.5") Double validationSplit,
        @Min(1) @Max(200) Integer epochs,
        @DecimalMin(value = "0.0", inclusive = false) @DecimalMax("1.0") Double learningRate,
        @DecimalMin("0.0") @DecimalMax("1.0") Double decay,
        @DecimalMin("0.0") @DecimalMax(value = "1.0", inclusive = false) Double dropout,
        @Min(1) @Max(1024) Integer batchSize,
        @Size(max = 50) List<@Pattern(regexp = "[^,\\s]{1,100}", message = "must be 1-100 characters without commas or spaces") String> tags,
        Boolean deploy) {

    public static final TrainRequest NONE = new TrainRequest(null, null, null, null, null, null, null, null);
}
