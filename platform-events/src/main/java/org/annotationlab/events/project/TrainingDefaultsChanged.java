package org.annotationlab.events.project;

import java.util.UUID;

/** A project's default training parameters changed. */
public record TrainingDefaultsChanged(UUID projectId, double validationSplit, int epochs, double learningRate, double decay, double dropout, int batchSize) implements ProjectEvent {
}
