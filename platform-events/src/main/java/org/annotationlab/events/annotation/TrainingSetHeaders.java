package org.annotationlab.events.annotation;

/**
 * The counts annotation-service's training-set export reports in its response headers, and
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

    private TrainingSetHeaders() {
    }
}
