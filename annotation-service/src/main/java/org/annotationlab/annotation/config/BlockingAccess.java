package org.annotationlab.annotation.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.web.security.ProjectAuthorizer;
import org.annotationlab.web.security.ProjectPermission;

/**
 * Authorization for the JDBC work that runs on worker threads (imports, exports): reads the
 * caller's role from the membership view on the same connection, then applies the shared
 * {@link ProjectAuthorizer} decision.
 */
public final class BlockingAccess {

    private BlockingAccess() {
    }

    public static ProjectRole require(Connection connection, ProjectAuthorizer authorizer, UUID projectId,
            ProjectPermission permission) throws SQLException {
        String username = authorizer.username();
        try (PreparedStatement query = connection.prepareStatement(
                "select role from project_membership where project_id = ? and username = ?")) {
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
