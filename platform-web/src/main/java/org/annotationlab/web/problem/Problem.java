package org.annotationlab.web.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error response.
 *
 * @param reason a stable code the frontend can switch on, e.g. {@code TRAINING_IN_PROGRESS}
 * @param errors field-level messages, for validation failures
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String reason, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field (a JSON path such as {@code labels[2].name}) and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}
