package org.annotationlab.training.run;

import java.util.List;
import java.util.UUID;

/**
 * What the Train Now button needs: whether the caller may train now and, if not, why
 * ({@code blockedBy}: FORBIDDEN, TRAINING_IN_PROGRESS, PREANNOTATION_IN_PROGRESS — exactly what
 * Train Now refuses), a {@code warning} that does not disable it (INSUFFICIENT_DATA: too few
 * completions so far; the run checks its exported set and fails with that reason), the run in
 * progress and the last finished run's outcome; {@code serving}: the models the project's model
 * server serves, as deploy-service last announced (the deployed model a new run is compared with).
 */
public record TrainingStatus(UUID projectId, boolean enabled, Blocker blockedBy, Blocker warning, int selectedCount,
        RunView activeRun, RunView lastRun, ActiveLearning activeLearning, List<String> serving) {

    public record Blocker(String reason, String detail) {
    }

    /** The project's active-learning settings and when it trains next ({@code nextAtSelected}). */
    public record ActiveLearning(boolean enabled, int everyNCompletions, boolean deployAfterTraining, int nextAtSelected) {
    }
}
