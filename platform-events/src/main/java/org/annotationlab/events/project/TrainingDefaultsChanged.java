package org.annotationlab.events.project;

import java.util.UUID;
import org.annotationlab.training.contract.TrainingParameters;

/** A project's default training parameters changed; {@code parameters} are all of them. */
public record TrainingDefaultsChanged(UUID projectId, TrainingParameters parameters) implements ProjectEvent {
}
