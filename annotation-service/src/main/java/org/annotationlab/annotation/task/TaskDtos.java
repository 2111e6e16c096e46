package org.annotationlab.annotation.task;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request and response bodies of the task resource. */
public final class TaskDtos {

    private TaskDtos() {
    }

    /** A tag: letters, digits, {@code _ - . :}, at most 100 characters. */
    public static final String TAG = "[\\p{L}\\p{N}_.:\\-]{1,100}";

    /** A task as the API shows it. */
    public record View(UUID id, String text, JsonNode meta, List<String> tags, String assignee, String reviewer,
            OffsetDateTime createdAt) {
    }

    /** Add and remove tags on many tasks at once. */
    public record Tagging(@NotEmpty @Size(max = 10000) List<@NotNull UUID> taskIds,
            @Size(max = 50) List<@Pattern(regexp = TAG) String> add,
            @Size(max = 50) List<@Pattern(regexp = TAG) String> remove) {
    }

    /** Assign an annotator and/or a reviewer to many tasks; an empty string clears it. */
    public record Assignment(@NotEmpty @Size(max = 10000) List<@NotNull UUID> taskIds,
            @Size(max = 255) String assignee, @Size(max = 255) String reviewer) {
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
