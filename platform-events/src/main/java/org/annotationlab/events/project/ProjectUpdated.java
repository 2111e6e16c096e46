package org.annotationlab.events.project;

import java.util.UUID;

/** A project's name, slug or description changed. */
public record ProjectUpdated(UUID projectId, String name, String slug, String description) implements ProjectEvent {
}
