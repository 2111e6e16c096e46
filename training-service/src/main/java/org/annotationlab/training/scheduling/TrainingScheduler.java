package org.annotationlab.training.scheduling;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.annotationlab.training.client.AnnotationClient;
import org.annotationlab.training.config.TrainingConfig;
import org.annotationlab.training.contract.DataSufficiency;
import org.annotationlab.training.contract.FailureReason;
import org.annotationlab.training.contract.Metrics;
import org.annotationlab.training.contract.ProgressEvent;
import org.annotationlab.training.contract.RunFiles;
import org.annotationlab.training.contract.TerminationMessage;
import org.annotationlab.training.launcher.TrainingWorkload;
import org.annotationlab.training.launcher.WorkloadLauncher;
import org.annotationlab.training.launcher.WorkloadStatus;
import org.annotationlab.training.project.ProjectTraining;
import org.annotationlab.training.run.Trigger;
import org.annotationlab.training.run.RunLifecycle;
import org.annotationlab.training.run.RunState;
import org.annotationlab.training.run.TrainingService;
import org.annotationlab.training.run.TrainingRun;
import org.annotationlab.training.store.ModelStore;
import org.annotationlab.web.Blocking;
import org.annotationlab.web.persistence.PendingWork;
import org.jboss.logging.Logger;

/**
 * Moves runs along, once per poll interval, on a worker thread: follows every RUNNING run
 * (progress, cancellation, outcome), takes over runs whose preparation was abandoned, and starts
 * QUEUED runs in request order while fewer than K run across the cluster (an advisory lock makes
 * the count and the pick one decision even with several instances). Database steps are short
 * reactive transactions; staging the training set and launching happen between them.
 */
@ApplicationScoped
public class TrainingScheduler {

    private static final Logger LOG = Logger.getLogger(TrainingScheduler.class);
    /** Serializes "count RUNNING, pick QUEUED" across instances. */
    private static final long SLOT_LOCK = 0x7261696e696e67L;
    /** How often the preparation leases are renewed (the {@code @Scheduled} interval below). */
    private static final java.time.Duration LEASE_RENEWAL = java.time.Duration.ofSeconds(2);

    private final TrainingConfig config;
    private final WorkloadLauncher launcher;
    private final ModelStore store;
    private final AnnotationClient annotations;
    private final RunLifecycle lifecycle;
    private final TrainingService service;
    private final PendingWork pending;
    private final ObjectMapper json = new ObjectMapper();
    /** This instance, as the preparer of the runs it stages and launches. */
    private final UUID instance = UUID.randomUUID();
    /** The runs this instance is preparing now: their leases are renewed. */
    private final java.util.Set<UUID> preparing = java.util.concurrent.ConcurrentHashMap.newKeySet();

    TrainingScheduler(TrainingConfig config, WorkloadLauncher launcher, ModelStore store, AnnotationClient annotations,
            RunLifecycle lifecycle, TrainingService service, PendingWork pending) {
        this.pending = pending;
        this.config = config;
        this.launcher = launcher;
        this.store = store;
        this.annotations = annotations;
        this.lifecycle = lifecycle;
        this.service = service;
        if (config.preparationLease().compareTo(LEASE_RENEWAL.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("lab.training.preparation-lease must be at least " + LEASE_RENEWAL.multipliedBy(3)
                    + " (leases are renewed every " + LEASE_RENEWAL + "), not " + config.preparationLease());
        }
    }

    /**
     * Renews this instance's lease on the runs it is preparing: staging a large training set takes
     * a while, and a lease that runs out lets another instance take the run over.
     */
    @Scheduled(every = "2s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "training-preparation-lease")
    void renewPreparationLeases() {
        if (preparing.isEmpty()) {
            return;
        }
        List<UUID> ids = List.copyOf(preparing);
        try {
            renew(ids);
        } catch (RuntimeException e) {
            LOG.warnf(e, "renewing the preparation leases of %s failed; the next renewal retries", ids);
        }
    }

    @Scheduled(every = "${lab.training.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "training-scheduler")
    void tick() {
        try {
            if (!pending.any("select 1 from training_run where state in ('QUEUED', 'RUNNING')")) {
                return;
            }
            for (TrainingRun run : Blocking.await(() -> Panache.withSession(
                    () -> TrainingRun.<TrainingRun>list("state = ?1 order by createdAt", RunState.RUNNING)))) {
                try {
                    follow(run);
                } catch (RuntimeException | IOException e) {
                    LOG.warnf(e, "could not follow training run %s; trying again", run.id);
                }
            }
            List<TrainingRun> claimed = claimSlots();
            // All of them are leased (renewed) while the first ones are prepared.
            claimed.forEach(run -> preparing.add(run.id));
            for (TrainingRun run : claimed) {
                prepare(run);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "training scheduler tick failed; the next one retries");
        }
    }

    /** One RUNNING run: cancel if asked, read new progress, take its outcome when it has one. */
    private void follow(TrainingRun run) throws IOException {
        if (run.workload == null) {
            if (!preparing.contains(run.id) && !leaseHeld(run)) {
                takeOver(run);
            }
            return;
        }
        TrainingWorkload workload = workload(run);
        if (run.cancelRequested) {
            launcher.cancel(workload, run.workload);
            inRun(run.id, r -> lifecycle.cancelled(r, r.cancelledBy));
            return;
        }
        ModelStore.Progress progress = store.progress(workload.runDir(), run.progressOffset);
        if (!progress.events().isEmpty()) {
            inRun(run.id, r -> applyProgress(r, progress));
        }
        WorkloadStatus status = launcher.status(workload, run.workload);
        switch (status.phase()) {
            case RUNNING -> {
            }
            case SUCCEEDED -> succeed(run.id, workload.runDir(), status.message());
            case FAILED -> inRun(run.id, r -> lifecycle.failed(r, TerminationMessage.reason(status.message()),
                    TerminationMessage.detail(status.message())));
            case MISSING -> inRun(run.id, r -> lifecycle.failed(r, FailureReason.JOB_FAILED, status.message()));
        }
    }

    private Uni<Void> applyProgress(TrainingRun run, ModelStore.Progress progress) {
        run.progressOffset = progress.offset();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ProgressEvent event : progress.events()) {
            switch (event.event()) {
                case ProgressEvent.STARTED -> chain = chain.invoke(() -> run.phase = "TRAINING");
                case ProgressEvent.EPOCH -> chain = chain.chain(() -> lifecycle.epoch(run, event.epoch(), event.epochs(),
                        event.loss() == null ? Double.NaN : event.loss()));
                case ProgressEvent.EVALUATING -> chain = chain.invoke(() -> run.phase = "EVALUATING");
                default -> {
                }
            }
        }
        return chain;
    }

    private void succeed(UUID runId, Path runDir, String message) throws IOException {
        Metrics metrics = store.metrics(runDir).orElse(null);
        List<String> labels = store.labels(runDir).orElse(null);
        if (metrics == null || labels == null || !Files.isDirectory(runDir.resolve(RunFiles.MODEL))) {
            inRun(runId, r -> lifecycle.failed(r, FailureReason.JOB_FAILED, "the job reported success but left no "
                    + RunFiles.MODEL + "/, " + RunFiles.METRICS + " or " + RunFiles.LABELS + " in " + runDir));
            return;
        }
        String metricsJson = json.writeValueAsString(metrics);
        inRun(runId, r -> ProjectTraining.slug(r.projectId).flatMap(slug -> lifecycle.succeeded(r, slug, metrics,
                metricsJson, labels, metrics.trainingSetSha256(), TerminationMessage.detail(message))));
    }

    /** Marks the oldest QUEUED runs RUNNING (phase PREPARING) while fewer than K are RUNNING. */
    private List<TrainingRun> claimSlots() {
        return Blocking.await(() -> Panache.withTransaction(() -> Panache.getSession()
                .flatMap(s -> s.createNativeQuery("select cast(pg_advisory_xact_lock(:k) as text)")
                        .setParameter("k", SLOT_LOCK).getSingleResult())
                .chain(() -> TrainingRun.count("state", RunState.RUNNING))
                .flatMap(running -> {
                    int free = config.maxConcurrent() - running.intValue();
                    if (free <= 0) {
                        return Uni.createFrom().item(List.<TrainingRun>of());
                    }
                    // A queued run whose project still has a pre-annotation (one yielding to it, stopping
                    // before its next batch) waits: the two never run together.
                    return ProjectTraining.withPreannotationLease().flatMap(busy -> (busy.isEmpty()
                                    ? TrainingRun.<TrainingRun>find("state = ?1 order by createdAt", RunState.QUEUED)
                                    : TrainingRun.<TrainingRun>find("state = ?1 and projectId not in ?2 order by createdAt",
                                            RunState.QUEUED, busy))
                            .page(0, free).list())
                            .invoke(runs -> runs.forEach(run -> {
                                run.state = RunState.RUNNING;
                                run.phase = "PREPARING";
                                run.startedAt = Instant.now();
                                lease(run);
                                run.runDir = store.runDir(run.projectId, run.id).toString();
                            }));
                })));
    }

    /** Someone is preparing the run: an instance whose lease on it has not run out. */
    private boolean leaseHeld(TrainingRun run) {
        return run.preparer != null && run.preparerSeenAt != null
                && run.preparerSeenAt.isAfter(Instant.now().minus(config.preparationLease()));
    }

    /**
     * A run left PREPARING by an instance that stopped renewing its lease (killed, or this instance
     * before a restart): prepared again here, cancelled if that was asked, or failed once its
     * preparation has been started {@code preparation-attempts} times.
     */
    private void takeOver(TrainingRun stale) {
        TrainingRun run = Blocking.await(() -> Panache.withTransaction(() -> TrainingRun.locked(stale.id).flatMap(r -> {
            if (r == null || r.state != RunState.RUNNING || r.workload != null || preparing.contains(r.id) || leaseHeld(r)) {
                return Uni.createFrom().nullItem();
            }
            if (r.cancelRequested) {
                return lifecycle.cancelled(r, r.cancelledBy).chain(() -> service.considerActiveLearning(r.projectId))
                        .map(ignored -> (TrainingRun) null);
            }
            if (r.preparations >= config.preparationAttempts()) {
                return lifecycle.failed(r, FailureReason.JOB_FAILED, "training-service stopped " + r.preparations
                                + " times while preparing this run (staging its training set); see the service's log")
                        .chain(() -> service.considerActiveLearning(r.projectId)).map(ignored -> (TrainingRun) null);
            }
            LOG.infof("training run %s: its preparation stopped (%s last seen %s); preparing it again", r.id,
                    r.preparer == null ? "no preparer" : "instance " + r.preparer, r.preparerSeenAt);
            lease(r);
            return Uni.createFrom().item(r);
        })));
        if (run != null) {
            prepare(run);
        }
    }

    /** Makes this instance the run's preparer, inside the caller's transaction. */
    private void lease(TrainingRun run) {
        run.preparer = instance;
        run.preparerSeenAt = Instant.now();
        run.preparations++;
    }

    private void prepare(TrainingRun run) {
        preparing.add(run.id);
        try {
            prepareAndLaunch(run);
        } finally {
            preparing.remove(run.id);
        }
    }

    /**
     * Renews this instance's lease on the run if it still holds it (no other instance took it over
     * while a renewal failed): false means the run is no longer this instance's to prepare.
     */
    private boolean stillPreparing(UUID runId) {
        if (renew(List.of(runId)) == 0) {
            LOG.infof("training run %s: no longer prepared by this instance (taken over or ended); leaving it", runId);
            return false;
        }
        return true;
    }

    /** Renews this instance's lease on those of the runs it still prepares; how many they are. */
    private int renew(List<UUID> runIds) {
        Integer renewed = Blocking.await(() -> Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "update training_run set preparer_seen_at = :now where id in (:ids) and preparer = :me"
                                + " and state = 'RUNNING' and workload is null")
                .setParameter("now", Instant.now()).setParameter("ids", runIds).setParameter("me", instance)
                .executeUpdate())));
        return renewed == null ? 0 : renewed;
    }

    /**
     * Stages the training and test sets, checks the training set is enough, writes the parameters and
     * launches, with the project's deployed model as the baseline to score on the same test set.
     */
    private void prepareAndLaunch(TrainingRun run) {
        TrainingWorkload workload = workload(run, deployedModel(run.projectId));
        Path dir = workload.runDir();
        AnnotationClient.Staged staged;
        if (!stillPreparing(run.id)) {
            return;
        }
        try {
            Files.createDirectories(dir);
            staged = annotations.stageRun(run.projectId, run.tagList(), dir);
            Files.writeString(dir.resolve(RunFiles.PARAMS), run.parameters);
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "training run %s: staging failed", run.id);
            String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            inPreparation(run.id, r -> lifecycle.failed(r, FailureReason.JOB_FAILED,
                    "could not fetch the training set from annotation-service: " + why));
            return;
        }
        Optional<String> insufficient = DataSufficiency.shortfall(staged.completions(), staged.entities());
        if (insufficient.isPresent()) {
            inPreparation(run.id, r -> {
                record(r, staged);
                return lifecycle.failed(r, FailureReason.INSUFFICIENT_DATA, insufficient.get());
            });
            return;
        }
        if (!stillPreparing(run.id)) {
            return;
        }
        String handle;
        try {
            handle = launcher.launch(workload);
        } catch (WorkloadLauncher.LaunchException e) {
            inPreparation(run.id, r -> lifecycle.failed(r, FailureReason.JOB_FAILED, e.getMessage()));
            return;
        }
        boolean launched;
        try {
            launched = Boolean.TRUE.equals(Blocking.await(() -> Panache.withTransaction(() -> TrainingRun.locked(run.id)
                    .flatMap(r -> {
                        if (r.state != RunState.RUNNING || !instance.equals(r.preparer) || r.workload != null) {
                            return Uni.createFrom().item(false); // ended, or taken over while this instance prepared it
                        }
                        record(r, staged);
                        if (r.cancelRequested) {
                            return lifecycle.cancelled(r, r.cancelledBy).replaceWith(false);
                        }
                        return lifecycle.started(r, handle).replaceWith(true);
                    }))));
        } catch (RuntimeException e) {
            // Not recorded (the database is away): a workload nobody follows must not train; the
            // run is prepared again once its lease runs out.
            launcher.cancel(workload, handle);
            throw e;
        }
        if (!launched) {
            launcher.cancel(workload, handle);
        }
    }

    private static void record(TrainingRun run, AnnotationClient.Staged staged) {
        run.datasetSize = (int) staged.completions();
        run.spans = staged.spans();
        run.spansAdjusted = staged.spansAdjusted();
        run.spansDropped = staged.spansDropped();
    }

    private TrainingWorkload workload(TrainingRun run) {
        return workload(run, null);
    }

    /** The run's workload; {@code baseline} ({@code name=path}, or null) is the deployed model it scores too. */
    private TrainingWorkload workload(TrainingRun run, String baseline) {
        Path dir = runDir(run);
        List<String> args = new ArrayList<>(List.of("train",
                "--training-set", dir.resolve(RunFiles.TRAINING_SET).toString(),
                "--params", dir.resolve(RunFiles.PARAMS).toString(),
                "--unlabelled", dir.resolve(RunFiles.UNLABELLED).toString(),
                "--test-set", dir.resolve(RunFiles.TEST_SET).toString(),
                "--output", dir.toString(),
                "--progress-file", dir.resolve(RunFiles.PROGRESS).toString()));
        if (baseline != null) {
            args.addAll(List.of("--baseline-model", baseline));
        }
        if (run.trigger == Trigger.CURVE) {
            args.addAll(List.of("--curve", Trigger.CURVE_FRACTIONS));
        }
        return new TrainingWorkload(run.id, run.projectId, run.workloadName(), dir, List.copyOf(args));
    }

    private Path runDir(TrainingRun run) {
        return run.runDir != null ? Path.of(run.runDir) : store.runDir(run.projectId, run.id);
    }

    /**
     * The project's deployed model as {@code name=path}, for the run to score on its test set (the
     * quality gate's baseline, DESIGN.md §6): the newest of its own models that deploy-service last
     * announced serving. Null when none; chosen from the event-fed view, which is enough because the
     * gate itself checks at deploy-service that the baseline is what serves then.
     */
    private String deployedModel(UUID projectId) {
        return Blocking.await(() -> Panache.withSession(() -> ProjectTraining.<ProjectTraining>findById(projectId)
                .chain(project -> project == null || project.servingModelList().isEmpty() ? Uni.createFrom().<TrainingRun>nullItem()
                        : TrainingRun.<TrainingRun>find("projectId = ?1 and state = ?2 and modelName in ?3 order by modelVersion desc",
                                projectId, RunState.SUCCEEDED, project.servingModelList()).firstResult())
                .map(deployed -> deployed == null ? null : deployed.modelName + "=" + runDir(deployed))));
    }

    /** {@link #inRun}, if this instance still prepares the run (no other took it over meanwhile). */
    private void inPreparation(UUID runId, Function<TrainingRun, Uni<Void>> change) {
        inRun(runId, r -> instance.equals(r.preparer) && r.workload == null ? change.apply(r) : Uni.createFrom().voidItem());
    }

    /**
     * Applies {@code change} to the run in a transaction, if it is still RUNNING, then lets active
     * learning look at the project again when the change finished the run.
     */
    private void inRun(UUID runId, Function<TrainingRun, Uni<Void>> change) {
        Blocking.await(() -> Panache.withTransaction(() -> TrainingRun.locked(runId).flatMap(run -> {
            if (run == null || run.state != RunState.RUNNING) {
                return Uni.createFrom().voidItem();
            }
            return change.apply(run).chain(() -> run.state.active() ? Uni.createFrom().voidItem()
                    : service.considerActiveLearning(run.projectId));
        })));
    }

}
