package org.annotationlab.web.security;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.web.problem.ProblemException;

/**
 * Checks the caller's project role before a resource acts (DESIGN.md §2). A caller who is not a
 * member gets 404 — the project's existence is not revealed — and a member whose role lacks the
 * permission gets 403. The realm role {@code admin} may do everything and acts as an Owner.
 */
@ApplicationScoped
public class ProjectAuthorizer {

    public static final String ADMIN_ROLE = "admin";

    private final SecurityIdentity identity;
    private final MembershipLookup memberships;

    ProjectAuthorizer(SecurityIdentity identity, MembershipLookup memberships) {
        this.identity = identity;
        this.memberships = memberships;
    }

    /** The caller's user name; 401 for an anonymous caller. */
    public String username() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        return identity.getPrincipal().getName();
    }

    public boolean isAdmin() {
        return !identity.isAnonymous() && identity.hasRole(ADMIN_ROLE);
    }

    /**
     * Fails unless the caller holds {@code permission} in the project.
     *
     * @return the caller's effective role (OWNER for an admin who is not a member)
     */
    public Uni<ProjectRole> require(UUID projectId, ProjectPermission permission) {
        String username = username();
        return memberships.roleOf(projectId, username).map(role -> decide(projectId, permission, role));
    }

    /**
     * The same decision for callers that looked the membership up themselves (blocking JDBC work
     * on a worker thread, where the reactive lookup cannot run).
     */
    public ProjectRole decide(UUID projectId, ProjectPermission permission, Optional<ProjectRole> membership) {
        if (membership.isEmpty() && isAdmin()) {
            return ProjectRole.OWNER;
        }
        ProjectRole role = membership.orElseThrow(() -> ProblemException.notFound("project " + projectId));
        if (!permission.allows(role) && !isAdmin()) {
            throw ProblemException.forbidden("the " + role + " role does not allow " + permission);
        }
        return role;
    }
}
