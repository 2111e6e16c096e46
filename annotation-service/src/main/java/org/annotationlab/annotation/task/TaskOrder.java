package org.annotationlab.annotation.task;

import java.util.Arrays;

/**
 * The order in which a project's tasks are offered as a user's next task (DESIGN.md §4): one
 * method, so another strategy is one more implementation. The project's setting
 * ({@link TaskOrderSetting}) says which.
 */
public interface TaskOrder {

    /** An HQL order-by clause over {@code Task t}, the task to offer first first, ending in a unique key. */
    String orderBy();

    /** Import order: today's queue. */
    record Sequential() implements TaskOrder {
        @Override
        public String orderBy() {
            return " order by t.seq";
        }
    }

    /**
     * A random order fixed by its seed: a task's place is the hash of its id and the seed, so the
     * same seed gives the same order (a simulated annotator's run can be repeated) and a task's
     * place does not move as others are annotated.
     */
    record SeededRandom(long seed) implements TaskOrder {
        @Override
        public String orderBy() {
            return " order by function('md5', concat(cast(t.id as String), '" + seed + "')), t.seq";
        }
    }

    /**
     * The task the newest model is least sure of first, by a measure of its newest prediction;
     * tasks no model has scored yet come after, in import order.
     */
    record MostUncertain(Measure measure) implements TaskOrder {
        @Override
        public String orderBy() {
            return " order by t." + measure.property + " desc nulls last, t.seq";
        }
    }

    /** The measures of a model's uncertainty about a text that the model server gives (nlp-runner's {@code Uncertainty}). */
    enum Measure {
        /** 1 − P(best tag path): favours long texts. */
        LEAST_CONFIDENCE("least-confidence", "leastConfidence"),
        /** −log P(best tag path) / tokens (Shen et al. 2017): length-normalized. */
        MNLP("mnlp", "mnlp"),
        /** Mean token entropy over all tags. */
        ENTROPY("entropy", "entropy");

        /** The name the API uses. */
        final String value;
        /** The {@link Task} property holding it. */
        final String property;

        Measure(String value, String property) {
            this.value = value;
            this.property = property;
        }

        static Measure of(String value) {
            return Arrays.stream(values()).filter(m -> m.value.equals(value)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no measure " + value));
        }
    }
}
