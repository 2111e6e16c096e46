package org.annotationlab.events.training;

import java.util.UUID;

/**
 * A training run was requested and waits for a slot. {@code trigger} is {@code MANUAL} (Train Now,
 * {@code requestedBy} the user) or {@code ACTIVE_LEARNING}; {@code selectedCount} is the size of
 * the selected training set the request was made on.
 */
public record TrainingQueued(UUID projectId, UUID runId, int number, String trigger, String requestedBy,
        int selectedCount, boolean deploy) implements TrainingEvent {
}
