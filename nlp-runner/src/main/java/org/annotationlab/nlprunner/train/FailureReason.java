package org.annotationlab.nlprunner.train;

/**
 * Why a training run failed, with the process exit code training-service maps back to the
 * run's FAILED reason. The names are the platform's reason codes.
 */
public enum FailureReason {
    /** Anything unexpected: a bug, an I/O error, a crash inside Spark or TensorFlow. */
    JOB_FAILED(1),
    /** The arguments, the parameters file or the training set itself are not usable as given. */
    INVALID_PARAMETERS(2),
    /** Too few sentences or entity mentions to train on (see {@link DataSufficiency}). */
    INSUFFICIENT_DATA(3);

    private final int exitCode;

    FailureReason(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The process exit code for this reason. */
    public int exitCode() {
        return exitCode;
    }
}
