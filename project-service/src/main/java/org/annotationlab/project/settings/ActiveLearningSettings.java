package org.annotationlab.project.settings;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Active learning for a project (DESIGN.md §5): when enabled, training-service starts a run each
 * time the selected training set has grown by {@code everyNCompletions} since the last run.
 * The frontend offers 10, 20, 50, 100, 200 or a custom number.
 */
public record ActiveLearningSettings(
        @NotNull Boolean enabled,
        @NotNull @Min(1) @Max(100000) Integer everyNCompletions,
        @NotNull Boolean deployAfterTraining) {

    /** What a new project starts with: off, every 50, deploy after training. */
    public static final ActiveLearningSettings INITIAL = new ActiveLearningSettings(false, 50, true);
}
