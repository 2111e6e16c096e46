package org.annotationlab.annotation.task;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.annotation.prediction.PredictionDtos;
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
     * @param predictionScore the newest prediction's score (its spans' mean confidence), null before any or without spans
     * @param uncertainty the newest prediction's model uncertainty about the text, null before any
     */
    public record View(UUID id, String text, JsonNode meta, List<String> tags, String assignee, String reviewer,
            OffsetDateTime createdAt,
            @Schema(enumeration = {"accepted", "submitted", "rejected", "draft", "none"}) String state,
            List<String> annotators, List<PredictionSummary> predictions, Double predictionScore,
            PredictionDtos.Uncertainty uncertainty) {
    }

    /**
     * A project's task order: {@code sequential} (import order, the default), {@code random}
     * (seeded: the same seed, the same order) or {@code uncertainty} (the task the newest model is
     * least sure of first, by {@code measure}). Omitted fields keep their value.
     */
    public record OrderSettings(
            @NotNull @Pattern(regexp = TaskOrderSetting.STRATEGIES, message = "must be sequential, random or uncertainty")
            @Schema(enumeration = {"sequential", "random", "uncertainty"}) String strategy,
            @Pattern(regexp = TaskOrderSetting.MEASURES, message = "must be least-confidence, mnlp or entropy")
            @Schema(enumeration = {"least-confidence", "mnlp", "entropy"}) String measure,
            @Min(0) Long seed) {
    }

    /**
     * The user's next task by the project's order, among the tasks they may take that have no
     * submitted completion.
     *
     * @param task     null when no other task is left
     * @param left     how many such tasks there are besides the current one
     * @param strategy the project's order that chose it
     * @param measure  for {@code uncertainty}: the measure
     */
    public record NextTask(View task, long left, String strategy, String measure) {
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
