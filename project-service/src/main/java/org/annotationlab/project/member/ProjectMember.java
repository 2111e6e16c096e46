package org.annotationlab.project.member;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.annotationlab.events.project.ProjectRole;

/** A user's membership of a project, with their role. */
@Entity
@Table(name = "project_member")
public class ProjectMember extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ProjectRole role;

    @Column(name = "added_at", nullable = false)
    public OffsetDateTime addedAt;

    /** Project and user name. */
    @Embeddable
    public record Key(@Column(name = "project_id") UUID projectId, @Column(name = "username") String username)
            implements Serializable {
    }

    public static Uni<ProjectMember> find(UUID projectId, String username) {
        return findById(new Key(projectId, username));
    }

    public static Uni<List<ProjectMember>> ofProject(UUID projectId) {
        return list("key.projectId = ?1 order by key.username", projectId);
    }

    public static Uni<List<ProjectMember>> ofUser(String username) {
        return list("key.username", username);
    }

    public static Uni<Long> countOwners(UUID projectId) {
        return count("key.projectId = ?1 and role = ?2", projectId, ProjectRole.OWNER);
    }
}
