package org.annotationlab.events.project;

import java.util.UUID;

/** A user is no longer a member of a project. */
public record MemberRemoved(UUID projectId, String username) implements ProjectEvent {
}
