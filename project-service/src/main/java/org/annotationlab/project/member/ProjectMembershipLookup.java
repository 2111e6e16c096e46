package org.annotationlab.project.member;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.web.security.MembershipLookup;

/** project-service owns memberships, so it authorizes from its own table. */
@ApplicationScoped
public class ProjectMembershipLookup implements MembershipLookup {

    @Override
    @WithSession
    public Uni<Optional<ProjectRole>> roleOf(UUID projectId, String username) {
        return ProjectMember.find(projectId, username).map(m -> Optional.ofNullable(m).map(found -> found.role));
    }
}
