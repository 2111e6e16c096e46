package org.annotationlab.web.membership;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;
import org.annotationlab.events.project.ProjectRole;

/** One row of a service's membership view: a user's role in a project, as project-service last said. */
@Entity
@Table(name = "project_membership")
public class Membership extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ProjectRole role;

    /** Project and user name. */
    @Embeddable
    public record Key(@Column(name = "project_id") UUID projectId, @Column(name = "username") String username)
            implements Serializable {
    }
}
