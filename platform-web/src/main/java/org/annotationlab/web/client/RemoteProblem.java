package org.annotationlab.web.client;

/**
 * Another service answered a call with a status of 500 or more (or, as {@link RemoteRefusal}, of
 * 400 to 499), with the reason and detail of its problem+json when it sent one. Thrown by the
 * typed clients ({@link RemoteProblems}); a 5xx is a failure of that service, which the clients'
 * fault-tolerance policy may retry and counts toward opening its circuit.
 */
public class RemoteProblem extends RuntimeException {

    private static final int MAX_DETAIL = 300;

    private final int status;
    private final String reason;
    private final String detail;

    public RemoteProblem(int status, String reason, String detail) {
        super("answered " + status + (reason == null ? "" : " " + reason) + ": " + abbreviate(detail), null, false, false);
        this.status = status;
        this.reason = reason;
        this.detail = detail;
    }

    /** The HTTP status the service answered. */
    public int status() {
        return status;
    }

    /** The problem's reason code (e.g. {@code TRAINING_IN_PROGRESS}), or null when the body had none. */
    public String reason() {
        return reason;
    }

    /** The problem's detail, or the body as it came when it was not problem+json. */
    public String detail() {
        return detail;
    }

    private static String abbreviate(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "…";
    }
}
