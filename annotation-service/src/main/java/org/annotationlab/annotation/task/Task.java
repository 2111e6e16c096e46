package org.annotationlab.annotation.task;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.web.problem.ProblemException;

/** One text to annotate, in one project, with the annotator and reviewer it is assigned to. */
@Entity
@Table(name = "task")
public class Task extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(insertable = false, updatable = false)
    public Long seq;

    @Column(name = "project_id", nullable = false)
    public UUID projectId;

    @Column(nullable = false)
    public String text;

    /** The import's {@code meta} object, as JSON. */
    public String meta;

    public String assignee;

    public String reviewer;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** The newest prediction's score (its spans' mean confidence); null before any or without spans. */
    @Column(name = "prediction_score")
    public Double predictionScore;

    /** The newest prediction's model uncertainty about the text, by measure ({@link TaskOrder.Measure}); null before any. */
    @Column(name = "least_confidence")
    public Double leastConfidence;

    public Double mnlp;

    public Double entropy;

    /** Whether the user may work on this task: Annotators only on the tasks assigned to them (DESIGN.md §2). */
    public boolean openTo(String user, ProjectRole role) {
        return role != ProjectRole.ANNOTATOR || user.equals(assignee);
    }

    /** The task, if it belongs to the project; 404 otherwise. */
    public static Uni<Task> inProject(UUID projectId, UUID taskId) {
        return Task.<Task>findById(taskId).map(task -> {
            if (task == null || !task.projectId.equals(projectId)) {
                throw ProblemException.notFound("task " + taskId);
            }
            return task;
        });
    }
}
