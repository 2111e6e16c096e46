package org.annotationlab.events.project;

import java.util.UUID;

/** A project and everything it owns is gone; other services drop their copies. */
public record ProjectDeleted(UUID projectId) implements ProjectEvent {
}
