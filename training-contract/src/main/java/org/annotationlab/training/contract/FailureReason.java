package org.annotationlab.training.contract;

/**
 * Why a run failed: the reason codes of the platform (a FAILED run's reason, {@code TrainingFailed})
 * and nlp-runner's exit code for each.
 */
public enum FailureReason {
    /** Anything unexpected: a bug, an I/O error, a crash inside Spark or TensorFlow, a lost Job. */
    JOB_FAILED(1),
    /** The arguments, the parameters or the training set are not usable as given. */
    INVALID_PARAMETERS(2),
    /** Too few sentences or entity mentions to train on (see {@link DataSufficiency}). */
    INSUFFICIENT_DATA(3);

    private final int exitCode;

    FailureReason(int exitCode) {
        this.exitCode = exitCode;
    }

    /** nlp-runner's process exit code for this reason. */
    public int exitCode() {
        return exitCode;
    }
}
