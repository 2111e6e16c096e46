package org.annotationlab.events.preannotation;

import java.util.UUID;

/** A pre-annotation run ended: {@code state} is SUCCEEDED, PARTIAL, FAILED or CANCELLED. */
public record PreannotationCompleted(UUID projectId, UUID runId, String state) implements PreannotationEvent {
}
