package org.annotationlab.events.annotation;

import java.util.UUID;

/** A completion was submitted for review and training. */
public record CompletionSubmitted(UUID projectId, UUID taskId, UUID completionId, String author, int spans) implements AnnotationEvent {
}
