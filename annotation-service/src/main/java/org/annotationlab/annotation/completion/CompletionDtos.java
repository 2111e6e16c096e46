package org.annotationlab.annotation.completion;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.annotationlab.annotation.span.Span;

/** Request and response bodies of the completion and review resources. */
public final class CompletionDtos {

    private CompletionDtos() {
    }

    /** Create or update a completion; {@code submit: true} submits it at once. */
    public record Write(@NotNull @Size(max = 2000) List<@Valid @NotNull Span> spans, Boolean submit) {
        boolean submitNow() {
            return Boolean.TRUE.equals(submit);
        }
    }

    /** A reviewer's decision. */
    public record Review(@NotNull Decision status, @Size(max = 2000) String comment) {
    }

    /** What a reviewer may decide. */
    public enum Decision { ACCEPTED, REJECTED }

    /** A completion as the API shows it. */
    public record View(UUID id, UUID taskId, String author, List<Span> spans, boolean submitted,
            OffsetDateTime submittedAt, Completion.ReviewStatus reviewStatus, String reviewer, String reviewComment,
            OffsetDateTime reviewedAt, UUID fromPrediction, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** One entry of a completion's history. */
    public record HistoryEntry(String action, String actor, OffsetDateTime at, String detail) {
    }
}
