package org.annotationlab.deploy.gate;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A project's quality-gate tolerance; a project without a row has the default, 0. */
@Entity
@Table(name = "quality_gate_setting")
public class GateSetting extends PanacheEntityBase {

    /** The tolerance of a project that never set one: a new model must be at least as good. */
    public static final double DEFAULT_TOLERANCE = 0.0;

    @Id
    @Column(name = "project_id")
    public UUID projectId;

    public double tolerance;

    @Column(name = "updated_by")
    public String updatedBy;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Uni<Double> toleranceOf(UUID projectId) {
        return GateSetting.<GateSetting>findById(projectId).map(s -> s == null ? DEFAULT_TOLERANCE : s.tolerance);
    }
}
