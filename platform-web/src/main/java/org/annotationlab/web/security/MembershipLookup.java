package org.annotationlab.web.security;

import io.smallrye.mutiny.Uni;
import java.util.Optional;
import java.util.UUID;
import org.annotationlab.events.project.ProjectRole;

/**
 * Where a service finds a user's role in a project: project-service reads its own members, the
 * other services their membership view built from {@code lab.projects} events. Each service
 * provides exactly one bean.
 */
public interface MembershipLookup {

    /** The user's role, or empty when the user is not a member or the project does not exist. */
    Uni<Optional<ProjectRole>> roleOf(UUID projectId, String username);
}
