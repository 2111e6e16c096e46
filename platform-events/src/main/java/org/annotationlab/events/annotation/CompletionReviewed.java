package org.annotationlab.events.annotation;

import java.util.UUID;

/** A reviewer accepted or rejected a submitted completion. */
public record CompletionReviewed(UUID projectId, UUID taskId, UUID completionId, String reviewer, String status) implements AnnotationEvent {
}
