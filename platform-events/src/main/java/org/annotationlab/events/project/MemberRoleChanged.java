package org.annotationlab.events.project;

import java.util.UUID;

/** A member's role in a project changed. */
public record MemberRoleChanged(UUID projectId, String username, ProjectRole previousRole, ProjectRole role) implements ProjectEvent {
}
