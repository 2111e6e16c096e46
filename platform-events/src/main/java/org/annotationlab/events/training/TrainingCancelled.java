package org.annotationlab.events.training;

import java.util.UUID;

/** A run was cancelled by {@code cancelledBy} (or by the project's deletion) before it finished. */
public record TrainingCancelled(UUID projectId, UUID runId, String cancelledBy) implements TrainingEvent {
}
