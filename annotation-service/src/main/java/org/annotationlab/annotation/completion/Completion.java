package org.annotationlab.annotation.completion;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** One user's annotation of one task: spans, draft or submitted, and its review. */
@Entity
@Table(name = "completion")
public class Completion extends PanacheEntityBase {

    /** Review state of a completion. */
    public enum ReviewStatus { PENDING, ACCEPTED, REJECTED }

    @Id
    public UUID id;

    @Column(name = "task_id", nullable = false)
    public UUID taskId;

    @Column(name = "project_id", nullable = false)
    public UUID projectId;

    @Column(nullable = false)
    public String author;

    /** The spans as JSON ({@code [{start,end,label}]}). */
    @Column(nullable = false)
    public String spans;

    public boolean submitted;

    @Column(name = "submitted_at")
    public OffsetDateTime submittedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "review_status", nullable = false)
    public ReviewStatus reviewStatus;

    public String reviewer;

    @Column(name = "review_comment")
    public String reviewComment;

    @Column(name = "reviewed_at")
    public OffsetDateTime reviewedAt;

    @Column(name = "from_prediction")
    public UUID fromPrediction;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public long version;

    /** A new, unsubmitted completion of a task by its author. */
    public static Completion draft(UUID projectId, UUID taskId, String author, String spans) {
        Completion c = new Completion();
        c.id = UUID.randomUUID();
        c.taskId = taskId;
        c.projectId = projectId;
        c.author = author;
        c.spans = spans;
        c.reviewStatus = ReviewStatus.PENDING;
        c.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        c.updatedAt = c.createdAt;
        return c;
    }
}
