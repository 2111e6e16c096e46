package org.annotationlab.training.project;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import java.util.UUID;
import org.annotationlab.web.persistence.ProjectRows;
import org.annotationlab.training.contract.TrainingParameters;
import org.annotationlab.web.training.ParameterJson;

/**
 * What training-service knows of a project from events: its slug (model names), active-learning
 * settings, default training parameters and the size of its selected training set.
 */
@Entity
@Table(name = "project_training")
public class ProjectTraining extends PanacheEntityBase {

    @Id
    @Column(name = "project_id")
    public UUID projectId;

    public String slug;

    @Column(name = "al_enabled")
    public boolean activeLearning;

    @Column(name = "al_every_n")
    public int everyNCompletions = 50;

    @Column(name = "al_deploy")
    public boolean deployAfterTraining;

    /** The project's default {@link TrainingParameters}, as JSON. */
    @Column(name = "training_parameters")
    public String trainingParameters = ParameterJson.write(TrainingParameters.DEFAULTS);

    @Column(name = "selected_count")
    public int selectedCount;

    public boolean deleted;

    /**
     * The models the project's model server serves, comma-separated, as deploy-service last
     * announced them (an event-fed view: it chooses the baseline a run scores for the quality gate).
     */
    @Column(name = "serving_models")
    public String servingModels = "";

    public java.util.List<String> servingModelList() {
        return servingModels == null || servingModels.isEmpty() ? java.util.List.of() : java.util.List.of(servingModels.split(","));
    }

    public TrainingParameters defaults() {
        return ParameterJson.read(trainingParameters);
    }

    /** A project no event has named yet: the defaults of every setting. */
    public static ProjectTraining unknown(UUID projectId) {
        ProjectTraining project = new ProjectTraining();
        project.projectId = projectId;
        return project;
    }

    /**
     * The project's row, locked for the rest of the transaction (created when no event has named
     * the project yet): every decision to start a run is taken under this lock.
     */
    public static Uni<ProjectTraining> lock(UUID projectId) {
        return ProjectRows.lock("project_training", projectId).chain(() -> ProjectTraining.<ProjectTraining>findById(projectId));
    }

    /** The project's slug, read without loading the entity (null when unknown). */
    public static Uni<String> slug(UUID projectId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "select slug from project_training where project_id = :id", String.class)
                .setParameter("id", projectId).getResultList()).map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** How long a lease whose run was never confirmed (by its PreannotationStarted) keeps the project busy. */
    public static final String UNCONFIRMED_LEASE = "2 minutes";

    /** A lease that counts: confirmed by its run's PreannotationStarted, or taken recently. */
    private static final String HELD = "(confirmed or acquired_at > now() - interval '" + UNCONFIRMED_LEASE + "')";

    /**
     * Whether a pre-annotation run of the project keeps a training from being queued: a lease
     * preannotation-service took for a run that does not yield (confirmed by its
     * PreannotationStarted, or taken recently) and not yet released. A yielding run's lease is
     * revoked instead ({@link #revokeYielding}).
     */
    public static Uni<Boolean> preannotating(UUID projectId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "select count(*) from preannotation_in_progress where project_id = :id and " + HELD + " and not yields",
                        Long.class)
                .setParameter("id", projectId).getSingleResult()).map(n -> n > 0);
    }

    /**
     * Revokes the leases of the project's yielding (background) pre-annotations, inside the
     * caller's transaction, as a training is queued; how many. Each such run stops before its next
     * batch; its lease stays held until the run ends, and the training starts only then.
     */
    public static Uni<Integer> revokeYielding(UUID projectId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "update preannotation_in_progress set revoked = true where project_id = :id and yields and not revoked")
                .setParameter("id", projectId).executeUpdate());
    }

    /** The projects where a pre-annotation holds a lease (yielding or not): none of their queued trainings may start. */
    public static Uni<List<UUID>> withPreannotationLease() {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "select distinct project_id from preannotation_in_progress where " + HELD, UUID.class).getResultList());
    }

    /** Whether the run's lease was revoked: its pre-annotation yields to a training (false when it holds none). */
    public static Uni<Boolean> leaseRevoked(UUID projectId, UUID runId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "select count(*) from preannotation_in_progress where project_id = :p and run_id = :r and revoked",
                        Long.class)
                .setParameter("p", projectId).setParameter("r", runId).getSingleResult()).map(n -> n > 0);
    }
}
