package org.annotationlab.events.project;

import java.util.UUID;

/** A project was created; its creator is its first Owner. */
public record ProjectCreated(UUID projectId, String name, String slug, String description, String createdBy) implements ProjectEvent {
}
