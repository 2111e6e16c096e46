package org.annotationlab.annotation.trainingset;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.annotationlab.annotation.completion.Completion;

/**
 * Which completion of a task goes into the training set (DESIGN.md §4, the seed's rules):
 * an ACCEPTED completion wins over everything (the most recently submitted one if several);
 * REJECTED completions and drafts are never used; otherwise the most recently submitted
 * completion is selected. Ties on time go to the larger id, so the choice is deterministic.
 * (Filtering tasks by tags happens before, in the query.)
 */
public final class SelectionRules {

    private static final String REJECTED = Completion.ReviewStatus.REJECTED.name();

    private SelectionRules() {
    }

    /**
     * A usable completion, the one rule the selection, the export and the training-set count share:
     * submitted and not REJECTED. In SQL, over a completion row named {@code alias} (none: "").
     * The partial index {@code completion_selectable} (migration V1) has this predicate: keep them equal.
     */
    public static String usable(String alias) {
        String column = alias.isEmpty() ? "" : alias + ".";
        return column + "submitted and " + column + "review_status <> '" + REJECTED + "'";
    }

    /** What the rules look at in a completion. */
    public record Candidate(UUID id, boolean submitted, String reviewStatus, OffsetDateTime submittedAt) {
        boolean usable() {
            return submitted && !REJECTED.equals(reviewStatus);
        }

        boolean accepted() {
            return submitted && "ACCEPTED".equals(reviewStatus);
        }
    }

    private static final Comparator<Candidate> MOST_RECENT = Comparator
            .comparing(Candidate::submittedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Candidate::id);

    public static Optional<Candidate> select(List<Candidate> completionsOfOneTask) {
        Optional<Candidate> accepted = completionsOfOneTask.stream().filter(Candidate::accepted).max(MOST_RECENT);
        if (accepted.isPresent()) {
            return accepted;
        }
        return completionsOfOneTask.stream().filter(Candidate::usable).max(MOST_RECENT);
    }
}
