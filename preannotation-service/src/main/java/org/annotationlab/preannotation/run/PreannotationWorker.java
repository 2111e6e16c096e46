package org.annotationlab.preannotation.run;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.annotationlab.events.deployment.DeploymentStarted.DeployedModel;
import org.annotationlab.preannotation.client.AnnotationClient.Task;
import org.annotationlab.preannotation.client.TrainingClient;
import org.annotationlab.preannotation.config.PreannotationConfig;
import org.annotationlab.preannotation.project.ProjectState;
import org.annotationlab.web.Blocking;
import org.annotationlab.web.persistence.PendingWork;
import org.jboss.logging.Logger;

/**
 * Carries RUNNING runs to their end on its worker thread, woken when a run is created and every
 * poll interval (runs left by a restart): resolves the tasks ({@link TaskSelection}), then sends
 * their texts to the model server in batches ({@link BatchPredictor}) and writes the predictions to
 * annotation-service ({@link PredictionWriter}). The next batch is predicted while the current one
 * is written. Progress is committed per batch, so a restarted service resumes where it stopped.
 */
@ApplicationScoped
public class PreannotationWorker {

    private static final Logger LOG = Logger.getLogger(PreannotationWorker.class);

    private final PreannotationConfig config;
    private final TaskSelection selection;
    private final BatchPredictor predictor;
    private final PredictionWriter writer;
    private final PreannotationService service;
    private final TrainingClient training;
    private final PendingWork pending;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "preannotation-worker"));
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final ExecutorService predicting = Executors.newSingleThreadExecutor(r -> new Thread(r, "preannotation-predictor"));

    PreannotationWorker(PreannotationConfig config, TaskSelection selection, BatchPredictor predictor, PredictionWriter writer,
            PreannotationService service, TrainingClient training, PendingWork pending) {
        this.pending = pending;
        if (config.batchSize() < 1 || config.writeBatchSize() < 1) {
            throw new IllegalArgumentException("lab.preannotation.batch-size and .write-batch-size must be at least 1, not "
                    + config.batchSize() + " and " + config.writeBatchSize());
        }
        this.config = config;
        this.selection = selection;
        this.predictor = predictor;
        this.writer = writer;
        this.service = service;
        this.training = training;
    }

    /** The schedule only wakes the worker: a run created since is picked up by then at the latest. */
    @Scheduled(every = "${lab.preannotation.poll-interval:1s}", delayed = "1s", identity = "preannotation-worker")
    void scheduled() {
        wake();
    }

    /**
     * Has the worker thread look for RUNNING runs now (the request that created one calls this after
     * its commit, so a run does not wait for the schedule). At most one look is queued at a time, and
     * only the worker thread processes runs.
     */
    public void wake() {
        if (wakeQueued.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    wakeQueued.set(false);
                    tick();
                });
            } catch (RejectedExecutionException e) {
                wakeQueued.set(false); // shutting down
            }
        }
    }

    private void tick() {
        try {
            if (!pending.any("select 1 from preannotation_run where state = 'RUNNING'")) {
                return;
            }
            for (PreannotationRun run : Blocking.await(() -> Panache.withSession(() -> PreannotationRun.<PreannotationRun>list(
                    "state = ?1 order by createdAt", PreannotationRun.State.RUNNING)))) {
                try {
                    process(run);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    LOG.warnf(e, "pre-annotation %s: tick failed; it resumes at the next one", run.id);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "pre-annotation worker tick failed; the next one retries");
        }
    }

    private void process(PreannotationRun run) throws InterruptedException {
        List<DeployedModel> models = ProjectState.models(run.models);
        PendingTasks pending = new PendingTasks(run.id, config.writeBatchSize());
        // The next batch is predicted while the current one is stored: the model server (CPU) and
        // annotation-service (database) work at the same time. Each stored batch is recorded in one
        // transaction, which also reads the run's state (a cancel, counts).
        List<TaskRow> batch;
        Future<BatchPredictor.Predicted> prediction = null;
        FirstBatch first = null;
        if (run.selected) {
            batch = pending.next();
        } else {
            first = selectAndPredictFirst(run, models);
            if (first == null) {
                return;
            }
            batch = first.rows();
            prediction = first.prediction();
        }
        if (prediction == null && !batch.isEmpty()) {
            prediction = predicting.submit(predictTask(run, models, batch));
        }
        PreannotationRun now = run;
        if (first != null) {
            // The first batch is predicted while the run's task rows are written.
            try {
                now = selection.write(run.id, first.selection());
            } catch (RuntimeException e) {
                cancel(prediction);
                throw e;
            }
            pending.skip(batch.size() - 1);
        }
        while (true) {
            if (now.state != PreannotationRun.State.RUNNING) {
                return;
            }
            if (now.cancelRequested) {
                cancel(prediction);
                end(run.id, PreannotationRun.State.CANCELLED, "cancelled");
                return;
            }
            if (run.background && revoked(run)) {
                cancel(prediction);
                predictor.forget(run.id);
                Blocking.await(() -> Panache.withTransaction(() -> PreannotationRun.locked(run.id).flatMap(r ->
                        r.state != PreannotationRun.State.RUNNING ? Uni.createFrom().voidItem() : service.yielded(r))));
                return;
            }
            if (batch.isEmpty()) {
                PreannotationRun.State state = now.failed == 0 ? PreannotationRun.State.SUCCEEDED
                        : now.done == 0 ? PreannotationRun.State.FAILED : PreannotationRun.State.PARTIAL;
                end(run.id, state, now.failed == 0 ? null : now.failed + " of " + now.total + " tasks failed");
                return;
            }
            BatchPredictor.Predicted predicted;
            try {
                predicted = prediction.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("predicting a batch failed", e.getCause());
            }
            List<TaskRow> next = pending.next();
            Future<BatchPredictor.Predicted> nextPrediction = next.isEmpty() ? null : predicting.submit(predictTask(now, models, next));
            now = writer.store(now, models, batch, predicted);
            batch = next;
            prediction = nextPrediction;
        }
    }

    /** A new run's selection, its first batch, and that batch's prediction when it already started. */
    private record FirstBatch(TaskSelection.Selection selection, List<TaskRow> rows, Future<BatchPredictor.Predicted> prediction) {
    }

    /**
     * Resolves a new run's tasks; null when they cannot be listed (the run has failed). A run over
     * a tag or the whole project covers the tasks in listing order: its first batch goes to the
     * model server as soon as the first page is listed.
     */
    private FirstBatch selectAndPredictFirst(PreannotationRun run, List<DeployedModel> models) {
        List<TaskRow> first = new ArrayList<>();
        List<Future<BatchPredictor.Predicted>> early = new ArrayList<>(1);
        TaskSelection.Selection selected = null;
        try {
            selected = selection.select(run, listed -> {
                if (run.taskIds == null && early.isEmpty() && !listed.isEmpty()) {
                    first.addAll(selection.firstBatch(listed));
                    early.add(predicting.submit(predictTask(run, models, first)));
                }
            });
        } catch (IOException e) {
            end(run.id, PreannotationRun.State.FAILED, "cannot list the project's tasks: " + e.getMessage());
        } finally {
            if (selected == null) { // the listing failed: the run has ended or is retried
                early.forEach(this::cancel);
            }
        }
        if (selected == null) {
            return null;
        }
        return early.isEmpty() ? new FirstBatch(selected, selection.firstBatch(selected.chosen()), null)
                : new FirstBatch(selected, first, early.get(0));
    }

    private Callable<BatchPredictor.Predicted> predictTask(PreannotationRun run, List<DeployedModel> models, List<TaskRow> batch) {
        return () -> predictor.predict(run, models, batch);
    }

    /** Whether a background run's lease was revoked: a training was queued, and the run yields to it before its next batch. */
    private boolean revoked(PreannotationRun run) {
        try {
            return training.revoked(run.projectId, run.id);
        } catch (RuntimeException e) {
            LOG.debugf("pre-annotation %s: whether it yields could not be asked (%s); asked again before the next batch",
                    run.id, e.getMessage());
            return false;
        }
    }

    private void cancel(Future<?> prediction) {
        if (prediction != null) {
            prediction.cancel(true);
        }
    }

    private void end(UUID runId, PreannotationRun.State state, String message) {
        predictor.forget(runId);
        Blocking.await(() -> Panache.withTransaction(() -> PreannotationRun.locked(runId).flatMap(r ->
                r.state != PreannotationRun.State.RUNNING ? Uni.createFrom().voidItem() : service.finish(r, state, message))));
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
        predicting.shutdownNow();
    }
}
