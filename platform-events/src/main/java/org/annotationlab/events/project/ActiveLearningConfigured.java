package org.annotationlab.events.project;

import java.util.UUID;

/** A project's active-learning settings changed. */
public record ActiveLearningConfigured(UUID projectId, boolean enabled, int everyNCompletions, boolean deployAfterTraining) implements ProjectEvent {
}
