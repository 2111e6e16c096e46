package org.annotationlab.preannotation.run;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.annotationlab.preannotation.client.AnnotationClient;
import org.annotationlab.preannotation.project.ProjectState;
import org.annotationlab.web.Blocking;
import org.annotationlab.web.idempotency.Idempotent;
import org.annotationlab.web.persistence.PendingWork;
import org.annotationlab.web.problem.ProblemException;
import org.jboss.logging.Logger;

/**
 * Scores the pool again after each deployment (issue 23 §4): for a project whose rescoring is due
 * ({@link ProjectState#rescoreDue}: a deployment completed with active learning on, or a background
 * run yielded to a training), with active learning still on and the uncertainty task order
 * (annotation-service's setting, asked now), starts a background run over the tasks without a
 * completion, so the next-task order follows the newest model. The run takes a lease that yields
 * to a training; while the project trains, deploys or pre-annotates (409) it stays due and is
 * tried again at the next tick.
 */
@ApplicationScoped
public class RescoreScheduler {

    private static final Logger LOG = Logger.getLogger(RescoreScheduler.class);
    /** Who a background run names as its requester. */
    static final String REQUESTER = "active-learning";
    /** The unannotated tasks: those without any completion. */
    private static final PreannotationService.PreannotationRequest POOL =
            new PreannotationService.PreannotationRequest(null, null, "none", null, null, null);

    private final PreannotationService service;
    private final PreannotationWorker worker;
    private final AnnotationClient annotations;
    private final PendingWork pending;

    RescoreScheduler(PreannotationService service, PreannotationWorker worker, AnnotationClient annotations,
            PendingWork pending) {
        this.pending = pending;
        this.service = service;
        this.worker = worker;
        this.annotations = annotations;
    }

    @Scheduled(every = "${lab.preannotation.rescore-interval:5s}", delayed = "5s", identity = "preannotation-rescore",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        List<ProjectState> due;
        try {
            if (!pending.any("select 1 from project_state where rescore_due")) {
                return;
            }
            due = Blocking.await(() -> Panache.withSession(() -> ProjectState.<ProjectState>list("rescoreDue = true")));
        } catch (RuntimeException e) {
            LOG.debugf("rescoring: the due projects could not be read (%s); the next tick retries", e.getMessage());
            return;
        }
        for (ProjectState project : due) {
            try {
                consider(project);
            } catch (RuntimeException e) {
                LOG.warnf(e, "project %s: rescoring the pool failed; the next tick retries", project.projectId);
            }
        }
    }

    private void consider(ProjectState project) {
        if (project.deleted || !project.activeLearning || project.servingEndpoint == null) {
            notDue(project.projectId);
            return;
        }
        String order;
        try {
            order = annotations.taskOrder(project.projectId);
        } catch (IOException e) {
            LOG.debugf("project %s: its task order could not be asked (%s); the next tick asks again", project.projectId,
                    e.getMessage());
            return;
        }
        if (!"uncertainty".equals(order)) {
            notDue(project.projectId);
            return;
        }
        try {
            PreannotationRun run = Blocking.await(() -> service.start(project.projectId, POOL, REQUESTER, Idempotent.none(), true));
            LOG.infof("project %s: the unannotated tasks are scored again by what now serves (run %s)", project.projectId, run.id);
            worker.wake();
        } catch (ProblemException e) {
            if (e.status() == 404) {
                notDue(project.projectId);
            } else {
                LOG.debugf("project %s: rescoring waits (%s)", project.projectId, e.getMessage());
            }
        }
    }

    private static void notDue(UUID projectId) {
        Blocking.await(() -> Panache.withTransaction(() -> ProjectState.lock(projectId).invoke(p -> p.rescoreDue = false)));
    }
}
