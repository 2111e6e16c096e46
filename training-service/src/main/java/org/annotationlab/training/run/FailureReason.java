package org.annotationlab.training.run;

/** Why a run FAILED (DESIGN.md §5); the run's message says more. */
public enum FailureReason {
    /** Too few selected completions or entities: checked before launch and again by the job. */
    INSUFFICIENT_DATA,
    /** nlp-runner refused a parameter or the data's shape (e.g. more tags than any bundled graph). */
    INVALID_PARAMETERS,
    /** Anything else: the job's termination message, or what the platform reported. */
    JOB_FAILED;

    /**
     * The reason of an nlp-runner termination message {@code <REASON>: <message>}; a message in
     * any other form (a crash, a platform failure) is JOB_FAILED.
     */
    public static FailureReason of(String terminationMessage) {
        if (terminationMessage != null) {
            for (FailureReason reason : values()) {
                if (terminationMessage.startsWith(reason.name() + ":")) {
                    return reason;
                }
            }
        }
        return JOB_FAILED;
    }

    /** The message without its {@code <REASON>: } prefix. */
    public static String detail(String terminationMessage) {
        if (terminationMessage == null || terminationMessage.isBlank()) {
            return "the job ended without a message";
        }
        String message = terminationMessage.strip();
        int colon = message.indexOf(": ");
        if (colon > 0 && message.substring(0, colon).matches("[A-Z_]+")) {
            return message.substring(colon + 2);
        }
        return message;
    }
}
