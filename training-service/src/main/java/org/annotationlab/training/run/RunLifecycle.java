package org.annotationlab.training.run;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.annotationlab.events.outbox.Outbox;
import org.annotationlab.events.training.TrainingCancelled;
import org.annotationlab.events.training.TrainingFailed;
import org.annotationlab.events.training.TrainingProgressed;
import org.annotationlab.events.training.TrainingQueued;
import org.annotationlab.events.training.TrainingStarted;
import org.annotationlab.events.training.TrainingSucceeded;
import org.annotationlab.training.contract.FailureReason;
import org.annotationlab.training.contract.Metrics;
import org.annotationlab.training.contract.TrainingParameters;
import org.annotationlab.training.project.ProjectTraining;
import org.annotationlab.web.training.ParameterJson;
import org.jboss.logging.Logger;

/**
 * Every state change of a run, with its event in the same transaction (the outbox). Callers hold
 * a transaction; a run's terminal state is written only while it is still active, so a run
 * finishes once even if two instances follow it.
 */
@ApplicationScoped
public class RunLifecycle {

    private static final Logger LOG = Logger.getLogger(RunLifecycle.class);

    private final Outbox outbox;

    RunLifecycle(Outbox outbox) {
        this.outbox = outbox;
    }

    /** A new QUEUED run of a project whose row the caller has locked and found free. */
    public Uni<TrainingRun> queue(ProjectTraining project, TrainingParameters parameters, List<String> tags,
            boolean deploy, Trigger trigger, String requestedBy) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "select cast(coalesce(max(number), 0) + 1 as integer) from training_run where project_id = :p",
                        Integer.class).setParameter("p", project.projectId).getSingleResult())
                .flatMap(number -> {
                    TrainingRun run = new TrainingRun();
                    run.id = UUID.randomUUID();
                    run.projectId = project.projectId;
                    run.number = number;
                    run.state = RunState.QUEUED;
                    run.trigger = trigger;
                    run.requestedBy = requestedBy;
                    run.deploy = deploy;
                    run.parameters = ParameterJson.write(parameters);
                    run.tags = tags == null || tags.isEmpty() ? null : String.join(",", tags);
                    run.selectedCount = project.selectedCount;
                    run.createdAt = Instant.now();
                    return run.<TrainingRun>persist();
                })
                .call(run -> outbox.append(new TrainingQueued(run.projectId, run.id, run.number, run.trigger.name(),
                        run.requestedBy, run.selectedCount, run.deploy)))
                .invoke(run -> LOG.infof("project %s: training run %d (%s) queued by %s on %d selected completions",
                        run.projectId, run.number, run.trigger, run.requestedBy, run.selectedCount));
    }

    /** The workload was launched. */
    public Uni<Void> started(TrainingRun run, String workload) {
        run.workload = workload;
        run.phase = "LAUNCHED";
        return outbox.append(new TrainingStarted(run.projectId, run.id, workload))
                .invoke(() -> LOG.infof("training run %s launched as %s", run.id, workload)).replaceWithVoid();
    }

    /** nlp-runner reported an epoch. */
    public Uni<Void> epoch(TrainingRun run, int epoch, int epochs, double loss) {
        run.phase = "TRAINING";
        run.epoch = epoch;
        run.loss = loss;
        return outbox.append(new TrainingProgressed(run.projectId, run.id, epoch, epochs, loss)).replaceWithVoid();
    }

    /** The run produced its model: the next model version of the project is {@code <slug>_ner_v<n>}. */
    public Uni<Void> succeeded(TrainingRun run, String slug, Metrics metrics, String metricsJson,
            List<String> labels, String datasetSha256, String message) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "select cast(coalesce(max(model_version), 0) + 1 as integer) from training_run where project_id = :p",
                        Integer.class).setParameter("p", run.projectId).getSingleResult())
                .flatMap(version -> {
                    run.state = RunState.SUCCEEDED;
                    run.phase = null;
                    run.finishedAt = Instant.now();
                    run.modelVersion = version;
                    run.modelName = (slug == null || slug.isBlank() ? "project-" + run.projectId : slug) + "_ner_v" + version;
                    run.labels = String.join(",", labels);
                    run.metrics = metricsJson;
                    run.datasetSha256 = datasetSha256;
                    run.message = message;
                    return outbox.append(new TrainingSucceeded(run.projectId, run.id, run.modelName, version, labels,
                            metrics, run.datasetSize == null ? 0 : run.datasetSize, datasetSha256, run.finishedAt,
                            run.runDir, run.deploy));
                })
                .invoke(() -> LOG.infof("training run %s succeeded: model %s (micro F1 %.4f)", run.id, run.modelName,
                        metrics.micro().f1()))
                .replaceWithVoid();
    }

    /** The run failed for {@code reason}. */
    public Uni<Void> failed(TrainingRun run, FailureReason reason, String message) {
        run.state = RunState.FAILED;
        run.phase = null;
        run.reason = reason;
        run.message = message;
        run.finishedAt = Instant.now();
        return outbox.append(new TrainingFailed(run.projectId, run.id, reason.name(), message))
                .invoke(() -> LOG.infof("training run %s failed: %s: %s", run.id, reason, message)).replaceWithVoid();
    }

    /** The run was cancelled (its workload, if any, is already stopped). */
    public Uni<Void> cancelled(TrainingRun run, String by) {
        run.state = RunState.CANCELLED;
        run.phase = null;
        run.cancelledBy = by;
        run.finishedAt = Instant.now();
        return outbox.append(new TrainingCancelled(run.projectId, run.id, by))
                .invoke(() -> LOG.infof("training run %s cancelled by %s", run.id, by)).replaceWithVoid();
    }
}
