package org.annotationlab.nlprunner.train;

import org.annotationlab.training.contract.FailureReason;

/**
 * An expected failure of a training run: carries the reason code and a message meant for the
 * person who started the run, so it is reported without a stack trace.
 */
public class TrainingFailure extends Exception {

    private final FailureReason reason;

    public TrainingFailure(FailureReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public TrainingFailure(FailureReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public FailureReason reason() {
        return reason;
    }

    /** Shorthand for an {@link FailureReason#INVALID_PARAMETERS} failure. */
    public static TrainingFailure invalid(String message) {
        return new TrainingFailure(FailureReason.INVALID_PARAMETERS, message);
    }
}
