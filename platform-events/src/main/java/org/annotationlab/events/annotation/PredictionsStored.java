package org.annotationlab.events.annotation;

import java.util.UUID;

/** Predictions of one model version were stored for some tasks of a project. */
public record PredictionsStored(UUID projectId, String model, String modelVersion, int tasks) implements AnnotationEvent {
}
