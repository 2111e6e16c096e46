package org.annotationlab.preannotation.run;

import io.quarkus.hibernate.reactive.panache.Panache;
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
import java.util.List;
import java.util.UUID;
import org.annotationlab.preannotation.client.AnnotationClient;

/** One pre-annotation run: which tasks, with which deployment, how far, how it ended. */
@Entity
@Table(name = "preannotation_run")
public class PreannotationRun extends PanacheEntityBase {

    public enum State {
        RUNNING, SUCCEEDED, PARTIAL, FAILED, CANCELLED
    }

    @Id
    public UUID id;

    @Column(name = "project_id")
    public UUID projectId;

    @Enumerated(EnumType.STRING)
    public State state;

    public String message;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "deployment_id")
    public UUID deploymentId;

    /** The model server's base URL. */
    public String endpoint;

    /** The deployment's models and the labels each predicts (JSON). */
    public String models;

    /** Requested task ids (JSON), or null. */
    @Column(name = "task_ids")
    public String taskIds;

    /** The listing's filter the run's tasks were chosen by (each null: not filtered); see {@link #filter()}. */
    public String tag;

    public String completion;

    public String assignee;

    public String reviewer;

    public String predictions;

    /** Whether the tasks have been resolved into preannotation_task rows. */
    public boolean selected;

    public int total;

    public int done;

    public int failed;

    @Column(name = "cancel_requested")
    public boolean cancelRequested;

    /** Started by the platform to score the pool again after a deployment: it yields to a training. */
    public boolean background;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** The run's first {@code limit} failed tasks with their errors, in task order. */
    public static Uni<List<RunView.TaskFailure>> failures(UUID runId, int limit) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("select task_id, error from preannotation_task"
                        + " where run_id = :r and state = 'FAILED' order by seq limit :n", Object[].class)
                .setParameter("r", runId).setParameter("n", limit).getResultList())
                .map(rows -> rows.stream().map(row -> new RunView.TaskFailure((UUID) row[0], (String) row[1])).toList());
    }

    /** Which of the project's tasks annotation-service lists for this run. */
    public AnnotationClient.TaskFilter filter() {
        return new AnnotationClient.TaskFilter(tag, completion, assignee, reviewer, predictions);
    }

    public static Uni<PreannotationRun> locked(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
