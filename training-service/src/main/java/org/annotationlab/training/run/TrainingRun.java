package org.annotationlab.training.run;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.annotationlab.training.contract.FailureReason;
import org.annotationlab.training.contract.TrainingParameters;
import org.annotationlab.web.training.ParameterJson;

/** One training run of a project, from request to outcome. */
@Entity
@Table(name = "training_run")
public class TrainingRun extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "project_id", nullable = false)
    public UUID projectId;

    /** 1, 2, … per project. */
    public int number;

    @Enumerated(EnumType.STRING)
    public RunState state;

    /** While RUNNING: PREPARING (fetching the training set), LAUNCHED, TRAINING, EVALUATING. */
    public String phase;

    @Enumerated(EnumType.STRING)
    public FailureReason reason;

    /** Why it failed, or nlp-runner's success summary. */
    public String message;

    @Enumerated(EnumType.STRING)
    public Trigger trigger;

    @Column(name = "requested_by")
    public String requestedBy;

    public boolean deploy;

    /** {@link TrainingParameters} as JSON. */
    public String parameters;

    /** Comma-separated tag filter; null = all tasks. */
    public String tags;

    /** The selected training set's size when the run was requested. */
    @Column(name = "selected_count")
    public int selectedCount;

    /** Completions in the exported training set (one sentence each). */
    @Column(name = "dataset_size")
    public Integer datasetSize;

    @Column(name = "dataset_sha256")
    public String datasetSha256;

    public Long spans;

    @Column(name = "spans_adjusted")
    public Long spansAdjusted;

    @Column(name = "spans_dropped")
    public Long spansDropped;

    /** The last epoch nlp-runner reported (of {@code parameters().epochs()}). */
    public Integer epoch;

    public Double loss;

    /** Bytes of the run's progress file already read. */
    @Column(name = "progress_offset")
    public long progressOffset;

    /** nlp-runner's metrics.json. */
    public String metrics;

    @Column(name = "model_name")
    public String modelName;

    @Column(name = "model_version")
    public Integer modelVersion;

    /** Comma-separated. */
    public String labels;

    /** The launcher's handle: a Job name or a process id. */
    public String workload;

    @Column(name = "run_dir")
    public String runDir;

    /** The instance preparing the run (staging its training set, launching it) while it has no workload. */
    public UUID preparer;

    /** When {@link #preparer} last said it was alive; a lease that runs out lets another instance take over. */
    @Column(name = "preparer_seen_at")
    public Instant preparerSeenAt;

    /** How many times preparing the run has been started (a takeover starts it again). */
    public int preparations;

    @Column(name = "cancel_requested")
    public boolean cancelRequested;

    @Column(name = "cancelled_by")
    public String cancelledBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public TrainingParameters parameters() {
        return ParameterJson.read(parameters);
    }

    public List<String> tagList() {
        return tags == null || tags.isEmpty() ? List.of() : Arrays.asList(tags.split(","));
    }

    public List<String> labelList() {
        return labels == null || labels.isEmpty() ? List.of() : Arrays.asList(labels.split(","));
    }

    /** The Kubernetes name of the run's workload. */
    public String workloadName() {
        return "training-" + id;
    }

    /** The project's queued or running run, if any. */
    public static Uni<TrainingRun> active(UUID projectId) {
        return find("projectId = ?1 and state in ?2", projectId, List.of(RunState.QUEUED, RunState.RUNNING))
                .firstResult();
    }

    /** The project's most recent run that has finished (succeeded, failed or cancelled), if any. */
    public static Uni<TrainingRun> lastFinished(UUID projectId) {
        return find("projectId = ?1 and state not in ?2 order by number desc", projectId,
                List.of(RunState.QUEUED, RunState.RUNNING)).firstResult();
    }

    /** The project's most recent run, if any. */
    public static Uni<TrainingRun> latest(UUID projectId) {
        return find("projectId = ?1 order by number desc", projectId).firstResult();
    }

    public static Uni<TrainingRun> locked(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
