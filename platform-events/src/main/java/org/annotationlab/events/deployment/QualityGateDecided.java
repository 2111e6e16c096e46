package org.annotationlab.events.deployment;

import java.util.UUID;

/**
 * The quality gate decided whether a training run's model may replace the one the project deploys
 * (DESIGN.md §6): {@code outcome} PASSED (it was at least as good on the same test set, within the
 * tolerance), REFUSED (worse, or it could not be compared: registered, not deployed) or NOT_GATED
 * (nothing to compare with: no test set, or no model of the project deployed).
 *
 * @param f1            the run's test micro F1; null without a test set
 * @param baselineModel the deployed model it was compared with; null when none
 * @param baselineF1    that model's micro F1 on the same test set; null when not compared
 * @param testTasks     tasks in the test set; 0 without one
 * @param message       the decision as a sentence, with both figures
 */
public record QualityGateDecided(UUID projectId, UUID runId, String model, String outcome, Double f1,
        String baselineModel, Double baselineF1, double tolerance, int testTasks, String message)
        implements DeploymentEvent {
}
