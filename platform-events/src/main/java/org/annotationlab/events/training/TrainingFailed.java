package org.annotationlab.events.training;

import java.util.UUID;

/**
 * A run failed: {@code reason} is a {@link org.annotationlab.training.contract.FailureReason}
 * name; {@code message} says what happened (the job's termination message).
 */
public record TrainingFailed(UUID projectId, UUID runId, String reason, String message) implements TrainingEvent {
}
