package org.annotationlab.annotation.task;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the task resource. */
public final class TaskDtos {

    private TaskDtos() {
    }

    /** A tag: letters, digits, {@code _ - . :}, at most 100 characters. */
    public static final String TAG = "[\\p{L}\\p{N}_.:\\-]{1,100}";

    /**
     * A task as the API shows it.
     *
     * @param state       {@code accepted}, {@code submitted} (awaiting review), {@code rejected}, {@code draft}
     *                    or {@code none}: see {@link TaskState}
     * @param annotators  the distinct authors of its completions, sorted
     * @param predictions its stored predictions, by model then version
     */
    public record View(UUID id, String text, JsonNode meta, List<String> tags, String assignee, String reviewer,
            OffsetDateTime createdAt,
            @Schema(enumeration = {"accepted", "submitted", "rejected", "draft", "none"}) String state,
            List<String> annotators, List<PredictionSummary> predictions) {
    }

    /** A stored prediction of a task, named (its spans are at {@code /tasks/{taskId}/predictions}). */
    public record PredictionSummary(String model, String modelVersion, Double score) {
    }

    /**
     * The tasks a bulk change applies to: those listed in {@code taskIds}, or every task of the
     * project matching {@code filter} (the list's filters) — exactly one of the two.
     */
    public interface Bulk {
        List<UUID> taskIds();

        TaskFilter filter();
    }

    /** Add and remove tags on many tasks at once. */
    public record Tagging(@Size(min = 1, max = 10000) List<@NotNull UUID> taskIds, TaskFilter filter,
            @Size(max = 50) List<@Pattern(regexp = TAG) String> add,
            @Size(max = 50) List<@Pattern(regexp = TAG) String> remove) implements Bulk {
    }

    /** Assign an annotator and/or a reviewer to many tasks; an empty string clears it. */
    public record Assignment(@Size(min = 1, max = 10000) List<@NotNull UUID> taskIds, TaskFilter filter,
            @Size(max = 255) String assignee, @Size(max = 255) String reviewer) implements Bulk {
    }

    /** How many tasks there are, by what has happened to them. */
    public record Counts(long tasks, long withCompletions, long withSubmitted, long withAccepted, long withRejected,
            Map<String, Long> byTag) {
    }

    /** What an import did: {@code skippedRows} counts every bad row skipped, {@code skipped} lists the first ones. */
    public record ImportResult(int imported, int withCompletions, int skippedRows, List<BadRow> skipped) {
    }

    /** A row an import could not take, by line number (1-based) in the uploaded body. */
    public record BadRow(long line, String message) {
    }
}
