package org.annotationlab.events.preannotation;

import java.util.UUID;

/** A pre-annotation run of {@code taskCount} tasks started; the project is busy until it completes. */
public record PreannotationStarted(UUID projectId, UUID runId, int taskCount) implements PreannotationEvent {
}
