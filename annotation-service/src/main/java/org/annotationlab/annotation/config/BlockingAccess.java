package org.annotationlab.annotation.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.web.membership.MembershipView;
import org.annotationlab.web.security.ProjectAuthorizer;
import org.annotationlab.web.security.ProjectPermission;

/**
 * Authorization for the JDBC work that runs on worker threads (imports, exports): the caller's
 * role as project-service has it now, or, when it cannot be asked, from the membership view on
 * the same connection; then the shared {@link ProjectAuthorizer} decision.
 */
@ApplicationScoped
public class BlockingAccess {

    private final ProjectAuthorizer authorizer;
    private final MembershipView memberships;

    BlockingAccess(ProjectAuthorizer authorizer, MembershipView memberships) {
        this.authorizer = authorizer;
        this.memberships = memberships;
    }

    public ProjectRole require(Connection connection, UUID projectId, ProjectPermission permission) throws SQLException {
        String username = authorizer.username();
        Optional<ProjectRole> owner = memberships.ownerRoleBlocking(projectId, username);
        if (owner != null) {
            return authorizer.decide(projectId, permission, owner);
        }
        try (PreparedStatement query = connection.prepareStatement(
                "select role from " + MembershipView.TABLE + " where project_id = ? and username = ?")) {
            query.setObject(1, projectId);
            query.setString(2, username);
            try (ResultSet row = query.executeQuery()) {
                Optional<ProjectRole> role = row.next() ? Optional.of(ProjectRole.valueOf(row.getString(1)))
                        : Optional.empty();
                return authorizer.decide(projectId, permission, role);
            }
        }
    }
}
