package org.annotationlab.annotation.task;

import java.util.Locale;
import org.annotationlab.annotation.completion.Completion.ReviewStatus;

/**
 * Where a task stands, from all its completions, as the task list shows it. The constants are in
 * order of precedence: {@code ACCEPTED} if any completion is accepted; else {@code SUBMITTED} if a
 * submitted completion awaits review (what the list's {@code completion=awaiting-review} finds);
 * else {@code REJECTED} if any was rejected; else {@code DRAFT} if any draft exists; else {@code NONE}.
 */
public enum TaskState {
    ACCEPTED, SUBMITTED, REJECTED, DRAFT, NONE;

    /** One completion's own state: a draft, awaiting review, or its review's outcome. */
    public static TaskState of(boolean submitted, ReviewStatus review) {
        if (!submitted) {
            return DRAFT;
        }
        return switch (review) {
            case ACCEPTED -> ACCEPTED;
            case REJECTED -> REJECTED;
            case PENDING -> SUBMITTED;
        };
    }

    /** The state of a task with completions in this state and in {@code other}: the one that takes precedence. */
    public TaskState and(TaskState other) {
        return compareTo(other) <= 0 ? this : other;
    }

    /** The name the API uses: {@code accepted}, {@code submitted}, … */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
