package org.annotationlab.web.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.annotationlab.web.problem.ProblemException;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Membership before anything else about a request (docs/roles.md): a request with a body about a
 * project the caller is not a member of gets the 404 that hides the project, before its body is
 * read or validated — never a 400 or 422 that would reveal what the endpoint expects. Requests
 * without a body are decided by the resource's own {@link ProjectAuthorizer#require}, as before.
 */
public class MembersFirst {

    private final SecurityIdentity identity;
    private final MembershipLookup memberships;

    MembersFirst(SecurityIdentity identity, MembershipLookup memberships) {
        this.identity = identity;
        this.memberships = memberships;
    }

    @ServerRequestFilter
    public Uni<Response> requireMembership(UriInfo uri, ContainerRequestContext request) {
        String project = uri.getPathParameters().getFirst("projectId");
        if (project == null || !request.hasEntity() || identity.isAnonymous()
                || identity.hasRole(ProjectAuthorizer.ADMIN_ROLE)) {
            return Uni.createFrom().nullItem();
        }
        UUID projectId;
        try {
            projectId = UUID.fromString(project);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().nullItem();
        }
        return memberships.roleOf(projectId, identity.getPrincipal().getName()).map(role -> {
            if (role.isEmpty()) {
                throw ProblemException.notFound("project " + projectId);
            }
            return null;
        });
    }
}
