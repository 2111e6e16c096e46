package org.annotationlab.training.run;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.training.contract.TrainingParameters;
import org.annotationlab.training.project.ProjectTraining;
import org.annotationlab.web.idempotency.Idempotent;
import org.annotationlab.web.training.ParameterJson;
import org.annotationlab.web.problem.ProblemException;
import org.jboss.logging.Logger;

/**
 * Decides when a run may start: Train Now, the active-learning rule and cancellation. Every
 * decision is taken with the project's row locked, and a partial unique index keeps at most one
 * QUEUED or RUNNING run per project (DESIGN.md §5), so concurrent requests, redelivered events
 * and several instances never start two.
 */
@ApplicationScoped
public class TrainingService {

    private static final Logger LOG = Logger.getLogger(TrainingService.class);

    private final RunLifecycle lifecycle;

    TrainingService(RunLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** Train Now: 409 while the project trains or pre-annotates; the answer stored with the run when retryable. */
    public Uni<TrainingRun> trainNow(UUID projectId, TrainRequest request, String user, Idempotent<TrainingRun> answer) {
        return Panache.withTransaction(() -> ProjectTraining.lock(projectId).flatMap(project -> {
            // Refused parameters are the caller's mistake whatever the project is doing: a 4xx before any 409.
            TrainingParameters parameters = ParameterJson.parse(request.parameters(), project.defaults());
            boolean curve = Boolean.TRUE.equals(request.curve);
            if (curve && Boolean.TRUE.equals(request.deploy)) {
                throw ProblemException.invalid("curve", "a train curve measures whether more annotation pays and is not"
                        + " deployed: leave deploy out (its model can be deployed by hand afterwards)");
            }
            return busy(project).flatMap(why -> {
                if (why != null) {
                    return Uni.createFrom().failure(why);
                }
                return yieldPreannotation(projectId).chain(() -> lifecycle.queue(project, parameters, request.tags,
                        Boolean.TRUE.equals(request.deploy), curve ? Trigger.CURVE : Trigger.MANUAL, user))
                        .call(answer::record);
            });
        }));
    }

    /**
     * preannotation-service's lease on the project for its run {@code runId}, taken before the run
     * starts (DESIGN.md §9: training-service alone decides whether a project is busy, under the
     * same lock as Train Now, so the two never both start). 409 while a run is queued or running.
     * The lease ends with the run's PreannotationCompleted, or when released.
     */
    public Uni<Void> leaseForPreannotation(UUID projectId, UUID runId) {
        return leaseForPreannotation(projectId, runId, false);
    }

    /**
     * As above; a {@code yields} lease is a background run's (the pool scored again after a
     * deployment): it does not keep a training from being queued, which revokes it instead.
     */
    public Uni<Void> leaseForPreannotation(UUID projectId, UUID runId, boolean yields) {
        return Panache.withTransaction(() -> ProjectTraining.lock(projectId).flatMap(project -> {
            if (project.deleted) {
                throw ProblemException.notFound("project " + projectId);
            }
            return TrainingRun.active(projectId).flatMap(active -> {
                if (active != null) {
                    throw ProblemException.conflict("TRAINING_IN_PROGRESS", "training run " + active.number
                            + " of this project is " + active.state + "; pre-annotate when it has finished");
                }
                // Leases that lapsed unconfirmed (their run never committed) go first.
                return Panache.getSession().flatMap(s -> s.createNativeQuery(
                                "delete from preannotation_in_progress where project_id = :p and not confirmed and acquired_at"
                                        + " <= now() - interval '" + ProjectTraining.UNCONFIRMED_LEASE + "'")
                        .setParameter("p", projectId).executeUpdate()
                        .chain(() -> s.createNativeQuery("insert into preannotation_in_progress (project_id, run_id, confirmed,"
                                        + " yields) values (:p, :r, false, :y) on conflict (project_id, run_id) do nothing")
                                .setParameter("p", projectId).setParameter("r", runId).setParameter("y", yields)
                                .executeUpdate()))
                        .replaceWithVoid();
            });
        }));
    }

    /** The lease's run was stored: it no longer lapses. Updates only, so a late call never brings back an ended lease. */
    public Uni<Void> confirmPreannotation(UUID projectId, UUID runId) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "update preannotation_in_progress set confirmed = true where project_id = :p and run_id = :r")
                .setParameter("p", projectId).setParameter("r", runId).executeUpdate())).replaceWithVoid();
    }

    /** A training is being queued: the project's background pre-annotation, if any, yields to it (its lease is revoked). */
    private static Uni<Void> yieldPreannotation(UUID projectId) {
        return ProjectTraining.revokeYielding(projectId).invoke(n -> {
            if (n > 0) {
                LOG.infof("project %s: a background pre-annotation yields to the training being queued", projectId);
            }
        }).replaceWithVoid();
    }

    /** Whether the run's lease was revoked (its background pre-annotation yields to a training). */
    public Uni<Boolean> preannotationLeaseRevoked(UUID projectId, UUID runId) {
        return Panache.withSession(() -> ProjectTraining.leaseRevoked(projectId, runId));
    }

    /** Ends a lease whose run did not start (preannotation-service refused it after all). */
    public Uni<Void> releasePreannotation(UUID projectId, UUID runId) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "delete from preannotation_in_progress where project_id = :p and run_id = :r")
                .setParameter("p", projectId).setParameter("r", runId).executeUpdate())
                .chain(() -> considerActiveLearning(projectId)));
    }

    /**
     * Active learning, inside the caller's transaction: when the project is free and its selected
     * set has grown by N since the last run's dataset, queue one run with the project's defaults.
     * Called whenever one of those facts changes (set size, settings, a run or pre-annotation ending).
     */
    public Uni<Void> considerActiveLearning(UUID projectId) {
        return ProjectTraining.lock(projectId).flatMap(project -> {
            if (!project.activeLearning || project.deleted) {
                return Uni.createFrom().voidItem();
            }
            return busy(project).flatMap(why -> why != null ? Uni.createFrom().voidItem()
                    : TrainingRun.latest(projectId).flatMap(last -> {
                        if (!TrainingRules.activeLearningDue(project.selectedCount, last, project.everyNCompletions)) {
                            return Uni.createFrom().voidItem();
                        }
                        LOG.infof("project %s: selected set grew from %d to %d (every %d): active learning trains",
                                projectId, TrainingRules.baseline(last), project.selectedCount, project.everyNCompletions);
                        return yieldPreannotation(projectId).chain(() -> lifecycle.queue(project, project.defaults(), null,
                                project.deployAfterTraining, Trigger.ACTIVE_LEARNING, null)).replaceWithVoid();
                    }));
        });
    }

    /**
     * The Train Now status for a caller, inside the caller's session: the project's facts as this
     * service holds them (a project no event has named yet has none) and its runs.
     */
    public Uni<TrainingStatus> status(UUID projectId, ProjectRole role, boolean admin) {
        return ProjectTraining.<ProjectTraining>findById(projectId)
                .map(found -> found != null ? found : ProjectTraining.unknown(projectId))
                .flatMap(project -> busy(project).flatMap(busy -> TrainingRun.active(projectId)
                        .flatMap(active -> TrainingRun.lastFinished(projectId)
                                .flatMap(last -> TrainingRun.latest(projectId)
                                        .map(latest -> TrainingRules.status(project, busy, role, admin, active, last, latest))))));
    }

    /** Why the project cannot start a run now (a 409 problem), or null when it can. */
    public Uni<ProblemException> busy(ProjectTraining project) {
        if (project.deleted) {
            return Uni.createFrom().item(ProblemException.notFound("project " + project.projectId));
        }
        return TrainingRun.active(project.projectId).flatMap(active -> {
            if (active != null) {
                return Uni.createFrom().item(ProblemException.conflict("TRAINING_IN_PROGRESS",
                        "training run " + active.number + " (" + active.id + ") of this project is " + active.state));
            }
            return ProjectTraining.preannotating(project.projectId).map(preannotating -> preannotating
                    ? ProblemException.conflict("PREANNOTATION_IN_PROGRESS",
                            "a pre-annotation of this project is in progress; train when it has finished")
                    : null);
        });
    }

    /**
     * Cancels a run: a QUEUED one at once; a RUNNING one is marked and its workload is stopped by
     * the scheduler within a poll interval. 409 when it has already finished.
     */
    public Uni<TrainingRun> cancel(TrainingRun run, String user) {
        if (!run.state.active()) {
            return Uni.createFrom().failure(ProblemException.conflict("RUN_FINISHED",
                    "training run " + run.id + " has already finished: " + run.state));
        }
        if (run.state == RunState.QUEUED) {
            return lifecycle.cancelled(run, user).replaceWith(run);
        }
        run.cancelRequested = true;
        run.cancelledBy = user;
        return Uni.createFrom().item(run);
    }
}
