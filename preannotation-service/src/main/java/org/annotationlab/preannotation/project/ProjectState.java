package org.annotationlab.preannotation.project;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.annotationlab.web.persistence.JsonColumns;
import org.annotationlab.web.persistence.ProjectRows;
import org.annotationlab.events.deployment.DeploymentStarted.DeployedModel;

/**
 * What preannotation-service knows of a project from events: its latest deployment (from
 * {@code lab.deployments}), the one its server serves, and whether it is training.
 */
@Entity
@Table(name = "project_state")
public class ProjectState extends PanacheEntityBase {

    @Id
    @Column(name = "project_id")
    public UUID projectId;

    @Column(name = "deployment_id")
    public UUID deploymentId;

    /** PENDING, READY or FAILED. */
    @Column(name = "deployment_state")
    public String deploymentState;

    @Column(name = "deployment_models")
    public String deploymentModels;

    @Column(name = "deployment_endpoint")
    public String deploymentEndpoint;

    @Column(name = "deployment_message")
    public String deploymentMessage;

    @Column(name = "deployment_at")
    public Instant deploymentAt;

    @Column(name = "serving_deployment")
    public UUID servingDeployment;

    @Column(name = "serving_endpoint")
    public String servingEndpoint;

    @Column(name = "serving_models")
    public String servingModels;

    /** The project's queued or running training run, if any. */
    @Column(name = "training_run")
    public UUID trainingRun;

    public boolean deleted;

    /** Whether active learning is on (project-service's {@code ActiveLearningConfigured}). */
    @Column(name = "active_learning")
    public boolean activeLearning;

    /**
     * The unannotated tasks are to be scored again by what now serves (a deployment completed, or a
     * background run yielded to a training): {@code RescoreScheduler} starts a background run when
     * the project is free and its task order is uncertainty.
     */
    @Column(name = "rescore_due")
    public boolean rescoreDue;

    public static List<DeployedModel> models(String json) {
        return json == null ? List.of() : JsonColumns.read(json, new TypeReference<List<DeployedModel>>() { });
    }

    public static String json(List<DeployedModel> models) {
        return JsonColumns.write(models);
    }

    /** The project's row, locked for the transaction (created when no event named it yet). */
    public static Uni<ProjectState> lock(UUID projectId) {
        return ProjectRows.lock("project_state", projectId).chain(() -> ProjectState.<ProjectState>findById(projectId));
    }
}
