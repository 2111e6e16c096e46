package org.annotationlab.training.contract;

/**
 * The one line nlp-runner ends a run with, {@code <OUTCOME>: <message>} where the outcome is
 * {@link #SUCCEEDED} or a {@link FailureReason}: written to the container's
 * terminationMessagePath (Kubernetes) or stderr (a local process), read back by training-service.
 */
public final class TerminationMessage {

    /** The outcome of a run that produced a model. */
    public static final String SUCCEEDED = "SUCCEEDED";
    /** Kubernetes keeps at most 4096 bytes of a termination message. */
    static final int MAX_LENGTH = 4000;

    private TerminationMessage() {
    }

    /** The line for a run that succeeded. */
    public static String succeeded(String message) {
        return format(SUCCEEDED, message);
    }

    /** The line for a run that failed. */
    public static String failed(FailureReason reason, String message) {
        return format(reason.name(), message);
    }

    private static String format(String outcome, String message) {
        String line = outcome + ": " + message.replaceAll("\\s*\\R\\s*", " ").strip();
        return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 3) + "...";
    }

    /**
     * The reason of a failed run's line; a line in any other form (a crash, a platform failure)
     * is {@link FailureReason#JOB_FAILED}.
     */
    public static FailureReason reason(String line) {
        if (line != null) {
            for (FailureReason reason : FailureReason.values()) {
                if (line.startsWith(reason.name() + ":")) {
                    return reason;
                }
            }
        }
        return FailureReason.JOB_FAILED;
    }

    /** The line without its {@code <OUTCOME>: } prefix. */
    public static String detail(String line) {
        if (line == null || line.isBlank()) {
            return "the job ended without a message";
        }
        String message = line.strip();
        int colon = message.indexOf(": ");
        if (colon > 0 && message.substring(0, colon).matches("[A-Z_]+")) {
            return message.substring(colon + 2);
        }
        return message;
    }
}
