package org.annotationlab.web.problem;

import java.util.List;

/**
 * A domain failure that maps to one problem response: an HTTP status, a reason code, a message
 * for humans and optional field errors. Services throw it; the {@link ProblemMapper} renders it.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String reason;
    private final transient List<Problem.FieldError> errors;

    public ProblemException(int status, String reason, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.reason = reason;
        this.errors = List.copyOf(errors);
    }

    public ProblemException(int status, String reason, String detail) {
        this(status, reason, detail, List.of());
    }

    /** 404: the thing does not exist, or the caller may not know that it does. */
    public static ProblemException notFound(String what) {
        return new ProblemException(404, "NOT_FOUND", what + " not found");
    }

    /** 403: a member whose role does not allow the action. */
    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "FORBIDDEN", detail);
    }

    /** 409: the action conflicts with the current state. */
    public static ProblemException conflict(String reason, String detail) {
        return new ProblemException(409, reason, detail);
    }

    /** 422: one field holds a value the domain rejects. */
    public static ProblemException invalid(String field, String message) {
        return new ProblemException(422, "VALIDATION_FAILED", field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
