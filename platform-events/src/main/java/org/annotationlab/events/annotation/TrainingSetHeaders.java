package org.annotationlab.events.annotation;

/**
 * The counts annotation-service's training-set and test-set exports report in their response headers, and
 * training-service reads when it stages a run's set: one name each, for both ends.
 */
public final class TrainingSetHeaders {

    /** Completions selected (one per task). */
    public static final String COMPLETIONS = "X-Training-Set-Completions";
    /** Spans written. */
    public static final String SPANS = "X-Training-Set-Spans";
    /** Spans whose edges were snapped to token edges. */
    public static final String SPANS_ADJUSTED = "X-Training-Set-Spans-Adjusted";
    /** Spans that lost every token to an earlier span. */
    public static final String SPANS_DROPPED = "X-Training-Set-Spans-Dropped";

    /**
     * The project's test tag when the set was read: tasks with it are never in a training set;
     * they are the test set (the same on both exports of a run unless the tag changed between them).
     */
    public static final String TEST_TAG = "X-Test-Set-Tag";

    private TrainingSetHeaders() {
    }
}
