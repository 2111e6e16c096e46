package org.annotationlab.annotation.prediction;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A pre-annotation of a task by one model version, stored beside the completions. */
@Entity
@Table(name = "prediction")
public class Prediction extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "task_id", nullable = false)
    public UUID taskId;

    @Column(name = "project_id", nullable = false)
    public UUID projectId;

    @Column(name = "model_name", nullable = false)
    public String modelName;

    @Column(name = "model_version", nullable = false)
    public String modelVersion;

    /** Spans with confidence, JSON. */
    @Column(nullable = false)
    public String spans;

    public Double score;

    /** The model's uncertainty about the whole text (see {@link PredictionDtos.Uncertainty}); null when not given. */
    @Column(name = "least_confidence")
    public Double leastConfidence;

    public Double mnlp;

    public Double entropy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
