package org.annotationlab.project.settings;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * A project's default training parameters (DESIGN.md §5); a Train Now request overrides any of
 * them. Ranges match what nlp-runner accepts.
 */
public record TrainingDefaults(
        @NotNull @DecimalMin("0.0") @DecimalMax("0.5") Double validationSplit,
        @NotNull @Min(1) @Max(200) Integer epochs,
        @NotNull @DecimalMin(value = "0.0", inclusive = false) @DecimalMax("1.0") Double learningRate,
        @NotNull @DecimalMin("0.0") @DecimalMax("1.0") Double decay,
        @NotNull @DecimalMin("0.0") @DecimalMax(value = "1.0", inclusive = false) Double dropout,
        @NotNull @Min(1) @Max(1024) Integer batchSize) {

    /** What a new project starts with. */
    public static final TrainingDefaults INITIAL = new TrainingDefaults(0.2, 10, 0.001, 0.005, 0.5, 8);
}
