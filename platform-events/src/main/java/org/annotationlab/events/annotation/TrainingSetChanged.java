package org.annotationlab.events.annotation;

import java.util.UUID;

/** The number of completions the training-set selection picks changed (DESIGN.md §4); active learning follows it. */
public record TrainingSetChanged(UUID projectId, int selectedCount) implements AnnotationEvent {
}
