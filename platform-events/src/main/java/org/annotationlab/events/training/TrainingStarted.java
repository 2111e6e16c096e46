package org.annotationlab.events.training;

import java.util.UUID;

/** A run's workload was launched (a Kubernetes Job or a local process, named by {@code workload}). */
public record TrainingStarted(UUID projectId, UUID runId, String workload) implements TrainingEvent {
}
