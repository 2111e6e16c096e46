package org.annotationlab.deploy.registry;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A model in the registry: trained for a project, or pretrained from the catalog. */
@Entity
@Table(name = "registered_model")
public class RegisteredModel extends PanacheEntityBase {

    @Id
    public String name;

    @Column(name = "project_id")
    public UUID projectId;

    /** Comma-separated. */
    public String labels;

    public boolean pretrained;

    /** Its folder in the model store (a training run's output, or a catalog entry's path). */
    public String path;

    public Integer version;

    @Column(name = "run_id")
    public UUID runId;

    /** nlp-runner's metrics as the training run reported them (JSON). */
    public String metrics;

    @Column(name = "dataset_size")
    public Integer datasetSize;

    @Column(name = "dataset_sha256")
    public String datasetSha256;

    @Column(name = "trained_at")
    public Instant trainedAt;

    @Column(name = "registered_at")
    public Instant registeredAt;

    /** A project may use its own models and the pretrained catalog, never another project's. */
    public boolean usableIn(UUID project) {
        return pretrained || project.equals(projectId);
    }

    public List<String> labelList() {
        return labels == null || labels.isEmpty() ? List.of() : Arrays.asList(labels.split(","));
    }
}
