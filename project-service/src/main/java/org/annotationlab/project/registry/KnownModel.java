package org.annotationlab.project.registry;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A model deploy-service registered; project-service's local view of the model registry. */
@Entity
@Table(name = "known_model")
public class KnownModel extends PanacheEntityBase {

    @Id
    public String name;

    @Column(name = "project_id")
    public UUID projectId;

    /** The labels it predicts, comma-separated. */
    @Column(nullable = false)
    public String labels;

    @Column(nullable = false)
    public boolean pretrained;

    @Column(name = "registered_at", nullable = false)
    public OffsetDateTime registeredAt;

    public List<String> labelList() {
        return labels.isEmpty() ? List.of() : List.of(labels.split(","));
    }
}
