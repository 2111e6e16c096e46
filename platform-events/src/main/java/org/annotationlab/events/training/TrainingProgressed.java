package org.annotationlab.events.training;

import java.util.UUID;

/** A run finished epoch {@code epoch} of {@code epochs} with this training loss. */
public record TrainingProgressed(UUID projectId, UUID runId, int epoch, int epochs, double loss) implements TrainingEvent {
}
