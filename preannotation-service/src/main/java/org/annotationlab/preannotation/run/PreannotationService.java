package org.annotationlab.preannotation.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.annotationlab.events.outbox.Outbox;
import org.annotationlab.preannotation.client.TrainingClient;
import org.annotationlab.web.Blocking;
import org.annotationlab.events.preannotation.PreannotationCompleted;
import org.annotationlab.events.preannotation.PreannotationStarted;
import org.annotationlab.preannotation.project.ProjectState;
import org.annotationlab.web.idempotency.Idempotent;
import org.annotationlab.web.problem.ProblemException;
import org.jboss.logging.Logger;

/**
 * Starts runs — refused (409) while the project trains (as training-service decides) or deploys,
 * or when nothing is deployed — and records how they end, each with its event.
 */
@ApplicationScoped
public class PreannotationService {

    private static final Logger LOG = Logger.getLogger(PreannotationService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Outbox outbox;
    private final TrainingClient training;

    PreannotationService(Outbox outbox, TrainingClient training) {
        this.outbox = outbox;
        this.training = training;
    }

    /**
     * Starts a run on the project's serving deployment. Whether the project trains is decided by
     * training-service, which holds the project's busy state (DESIGN.md §9): the run leases it,
     * under this service's project lock, before it is stored; a refused lease is the 409. Called on
     * the request's event loop; the blocking lease runs on a worker and the transaction goes on
     * on the request's context. A lease whose run then fails to commit is given back.
     */
    public Uni<PreannotationRun> start(UUID projectId, PreannotationRequest request, String user,
            Idempotent<PreannotationRun> answer) {
        return start(projectId, request, user, answer, false);
    }

    /**
     * As above; a {@code background} run (the pool scored again after a deployment) takes a lease
     * that yields to a training, and clears the project's {@link ProjectState#rescoreDue}.
     */
    public Uni<PreannotationRun> start(UUID projectId, PreannotationRequest request, String user,
            Idempotent<PreannotationRun> answer, boolean background) {
        UUID runId = UUID.randomUUID();
        AtomicBoolean leased = new AtomicBoolean();
        return Panache.withTransaction(() -> ProjectState.lock(projectId).flatMap(project -> {
            ProblemException blocked = blocker(project);
            if (blocked != null) {
                throw blocked;
            }
            return PreannotationRun.<PreannotationRun>find("projectId = ?1 and state = ?2", projectId,
                    PreannotationRun.State.RUNNING).firstResult().flatMap(running -> {
                        if (running != null) {
                            throw ProblemException.conflict("PREANNOTATION_IN_PROGRESS",
                                    "pre-annotation run " + running.id + " of this project is still running");
                        }
                        return Blocking.offload(() -> {
                            // Possibly taken from here on (a timeout may hide a lease training-service
                            // committed); only its definite refusal means there is nothing to give back.
                            leased.set(true);
                            try {
                                training.lease(projectId, runId, background);
                            } catch (ProblemException e) {
                                if (e.status() == 409 || e.status() == 404) {
                                    leased.set(false);
                                }
                                throw e;
                            }
                            return project;
                        });
                    })
                    .flatMap(leasedProject -> {
                        PreannotationRun run = new PreannotationRun();
                        run.id = runId;
                        run.projectId = projectId;
                        run.state = PreannotationRun.State.RUNNING;
                        run.requestedBy = user;
                        run.deploymentId = project.servingDeployment;
                        run.endpoint = project.servingEndpoint;
                        run.models = project.servingModels;
                        try {
                            run.taskIds = request.taskIds() == null ? null : JSON.writeValueAsString(request.taskIds());
                        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                            throw new IllegalStateException(e);
                        }
                        run.tag = request.tag();
                        run.completion = request.completion();
                        run.assignee = request.assignee();
                        run.reviewer = request.reviewer();
                        run.predictions = request.predictions();
                        run.background = background;
                        run.createdAt = Instant.now();
                        if (background) {
                            project.rescoreDue = false;
                        }
                        return run.<PreannotationRun>persist();
                    })
                    .call(run -> outbox.append(new PreannotationStarted(projectId, run.id,
                            request.taskIds() == null ? 0 : request.taskIds().size())))
                    .call(answer::record)
                    .invoke(run -> LOG.infof("project %s: pre-annotation %s started by %s with deployment %s", projectId,
                            run.id, user, run.deploymentId));
        })).onFailure(f -> leased.get()).call(() -> stored(runId).flatMap(stored -> stored ? Uni.createFrom().nullItem()
                : Blocking.offload(() -> {
                    try {
                        training.release(projectId, runId);
                    } catch (RuntimeException e) {
                        LOG.warnf("project %s: the lease of run %s, which did not start, was not given back (%s); it lapses",
                                projectId, runId, e.getMessage());
                    }
                    return null;
                })))
                // The run is stored: its lease no longer lapses. Its PreannotationStarted confirms it
                // too, so a failed confirmation here costs nothing but the call.
                .call(run -> Blocking.offload(() -> {
                    try {
                        training.confirm(projectId, runId);
                    } catch (RuntimeException e) {
                        LOG.debugf("project %s: run %s's lease not confirmed now (%s); its event confirms it", projectId,
                                runId, e.getMessage());
                    }
                    return null;
                }));
    }

    /**
     * Whether the run was stored after all: a commit whose answer was lost may have succeeded, and
     * then the run keeps its lease. Unknown (the database cannot be asked) counts as not stored.
     */
    private static Uni<Boolean> stored(UUID runId) {
        return Panache.withSession(() -> PreannotationRun.<PreannotationRun>findById(runId)).map(run -> run != null)
                .onFailure().recoverWithItem(false);
    }

    /**
     * What the popup shows as the reason a run cannot start, from this service's view (a hint:
     * starting a run asks training-service): a training in progress, else {@link #blocker}.
     */
    public static ProblemException hint(ProjectState project) {
        return project.trainingRun != null ? ProblemException.conflict("TRAINING_IN_PROGRESS", "training run "
                + project.trainingRun + " of this project is queued or running; pre-annotate when it has finished")
                : blocker(project);
    }

    /** Why the project cannot be pre-annotated now (409/404), or null. */
    public static ProblemException blocker(ProjectState project) {
        if (project.deleted) {
            return ProblemException.notFound("project " + project.projectId);
        }
        if ("PENDING".equals(project.deploymentState)) {
            return ProblemException.conflict("DEPLOYMENT_IN_PROGRESS", "deployment " + project.deploymentId
                    + " of this project is in progress; pre-annotate when it is READY");
        }
        if (project.servingEndpoint == null) {
            return ProblemException.conflict("NOTHING_DEPLOYED", "no model is deployed for this project: deploy its"
                    + " models first (POST /projects/{id}/deployments, or train with deploy: true)");
        }
        return null;
    }

    /**
     * Ends a run (inside the caller's transaction) and announces it. Of its task rows, which hold a
     * copy of each task's text for the worker, only the failed ones are kept: they are the run's
     * failure list. A run of 100k tasks would otherwise leave 100k texts behind, every time.
     */
    public Uni<Void> finish(PreannotationRun run, PreannotationRun.State state, String message) {
        run.state = state;
        run.message = message;
        run.finishedAt = Instant.now();
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("delete from preannotation_task where run_id = :r and state <> 'FAILED'")
                        .setParameter("r", run.id).executeUpdate())
                .chain(() -> outbox.append(new PreannotationCompleted(run.projectId, run.id, state.name())))
                .invoke(() -> LOG.infof("pre-annotation %s %s: %d of %d tasks done, %d failed%s", run.id, state, run.done,
                        run.total, run.failed, message == null ? "" : " (" + message + ")"))
                .replaceWithVoid();
    }

    /**
     * Ends a background run that yielded to a training (inside the caller's transaction): CANCELLED,
     * saying why, and the pool is due to be scored again once the project is free.
     */
    public Uni<Void> yielded(PreannotationRun run) {
        return finish(run, PreannotationRun.State.CANCELLED, "yielded to a training; the unannotated tasks are scored"
                + " again when it has finished")
                .chain(() -> ProjectState.lock(run.projectId)).invoke(p -> p.rescoreDue = true).replaceWithVoid();
    }

    /**
     * What to pre-annotate: these tasks (those with {@code tag}, when given), or every task that
     * matches the task list's filter — {@code tag}, {@code completion}, {@code assignee},
     * {@code reviewer}, {@code predictions}, all of those given, as annotation-service's
     * {@code GET /projects/{id}/tasks} takes them — or (nothing given) every task.
     */
    public record PreannotationRequest(
            @Size(min = 1, max = 100000) List<@NotNull UUID> taskIds,
            @Pattern(regexp = "[^,\\s]{1,100}") String tag,
            @Pattern(regexp = "none|any|draft|submitted|awaiting-review|accepted|rejected",
                    message = "must be one of none, any, draft, submitted, awaiting-review, accepted, rejected") String completion,
            @Size(min = 1, max = 255) String assignee,
            @Size(min = 1, max = 255) String reviewer,
            @Pattern(regexp = "any|none", message = "must be any or none") String predictions) {

        /** No body: every task of the project. */
        static final PreannotationRequest EVERY_TASK = new PreannotationRequest(null, null, null, null, null, null);

        /** Chosen tasks are not filtered further but by tag: 422 naming {@code taskIds} when both are given. */
        void checkSelection() {
            if (taskIds != null && (completion != null || assignee != null || reviewer != null || predictions != null)) {
                throw ProblemException.invalid("taskIds", "cannot be combined with completion, assignee, reviewer or"
                        + " predictions: give the tasks, or the filter that selects them");
            }
        }
    }
}
