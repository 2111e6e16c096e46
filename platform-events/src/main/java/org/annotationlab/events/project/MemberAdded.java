package org.annotationlab.events.project;

import java.util.UUID;

/** A user became a member of a project with a role. */
public record MemberAdded(UUID projectId, String username, ProjectRole role) implements ProjectEvent {
}
