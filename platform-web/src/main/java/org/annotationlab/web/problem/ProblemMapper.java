package org.annotationlab.web.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.CompositeException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place exceptions become HTTP responses, for every service: each known failure maps to
 * a problem+json body with a status and a reason code; anything else is a 500 whose body names
 * an incident id (logged with the stack trace) and never reveals internals.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(new Problem(type(e.reason()), title(e.status()), e.status(), e.getMessage(), e.reason(),
                e.errors()));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).reduce((a, b) -> a + "; " + b)
                .orElse("invalid request");
        return respond(new Problem(type("VALIDATION_FAILED"), title(422), 422, detail, "VALIDATION_FAILED", errors));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return respond(JsonProblems.of(e));
    }

    /** Declared separately: Quarkus REST has its own mapper for this subtype, which would win. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return respond(JsonProblems.of(e));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e) {
        return respond(simple(401, "UNAUTHORIZED", "a valid bearer token is required"));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(simple(403, "FORBIDDEN", "your role does not allow this action"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return unreadable(json);
        }
        int status = e.getResponse().getStatus();
        String detail = status == 413 ? "the request body is larger than this service accepts"
                : status == 415 ? "unsupported content type"
                : status == 404 ? "no such resource"
                : status == 405 ? "method not allowed on this resource"
                : status == 406 ? "the requested media type cannot be produced"
                : e.getMessage();
        return respond(simple(status, reasonFor(status), detail));
    }

    @ServerExceptionMapper
    public Response composite(CompositeException e) {
        Throwable first = e.getCauses().isEmpty() ? e : e.getCauses().get(0);
        if (first instanceof ProblemException p) {
            return problem(p);
        }
        return unexpected(first);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        Problem storage = StorageProblems.of(e);
        if (storage != null) {
            return respond(storage);
        }
        UUID incident = UUID.randomUUID();
        LOG.errorf(e, "unexpected failure, incident %s", incident);
        return respond(simple(500, "INTERNAL_ERROR", "unexpected failure; incident " + incident));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    static Problem simple(int status, String reason, String detail) {
        return new Problem(type(reason), title(status), status, detail, reason, List.of());
    }

    static String type(String reason) {
        return "urn:annotationlab:problem:" + reason.toLowerCase().replace('_', '-');
    }

    static String title(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : status == 422 ? "Unprocessable Content" : "Error";
    }

    private static String reasonFor(int status) {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 409 -> "CONFLICT";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            default -> status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
        };
    }

    /** {@code create.request.name} → {@code name}: drops the method and parameter of the path. */
    static String field(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }

    /** Problems for bodies that are not the JSON the resource expects. */
    static final class JsonProblems {
        private JsonProblems() {
        }

        static Problem of(JsonProcessingException e) {
            if (e instanceof UnrecognizedPropertyException unknown) {
                String field = path(unknown);
                return new Problem(type("UNKNOWN_FIELD"), title(400), 400, "unknown field: " + field, "UNKNOWN_FIELD",
                        List.of(new Problem.FieldError(field, "unknown field")));
            }
            if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                String field = path(mapping);
                return new Problem(type("MALFORMED_JSON"), title(400), 400, field + ": wrong type or format",
                        "MALFORMED_JSON", List.of(new Problem.FieldError(field, "wrong type or format")));
            }
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field '")) {
                String field = e.getOriginalMessage().replaceAll("^Duplicate field '(.*)'.*$", "$1");
                return new Problem(type("DUPLICATE_FIELD"), title(400), 400, "the field " + field + " is given twice",
                        "DUPLICATE_FIELD", List.of(new Problem.FieldError(field, "given twice")));
            }
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            return new Problem(type("MALFORMED_JSON"), title(400), 400, "the body is not valid JSON" + where,
                    "MALFORMED_JSON", List.of());
        }

        static String path(JsonMappingException e) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference ref : e.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            return path.length() == 0 ? "body" : path.toString();
        }
    }
}
