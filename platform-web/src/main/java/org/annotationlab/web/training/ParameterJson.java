package org.annotationlab.web.training;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.annotationlab.training.contract.TrainingParameters;
import org.annotationlab.web.persistence.JsonColumns;
import org.annotationlab.web.problem.Problem;
import org.annotationlab.web.problem.ProblemException;

/**
 * {@link TrainingParameters} as the services take them in (a request's JSON object) and keep them
 * (a JSON text column). Stored parameters that lack a parameter added since take its default, so a
 * new parameter needs no migration.
 */
public final class ParameterJson {

    private ParameterJson() {
    }

    /**
     * {@code base} with the request's values over it, or the problem any other body would get: a
     * name that is no parameter is a 400 UNKNOWN_FIELD, a value of the wrong type a 400
     * MALFORMED_JSON (as Jackson's own binding answers), values out of range a 422
     * VALIDATION_FAILED; every refused parameter is named in {@code errors}.
     */
    public static TrainingParameters parse(Map<String, ?> values, TrainingParameters base) {
        try {
            return TrainingParameters.parse(values, base);
        } catch (TrainingParameters.InvalidParameters invalid) {
            throw problem(invalid.violations());
        }
    }

    /** Parameters stored by {@link #write}. */
    public static TrainingParameters read(String column) {
        try {
            return TrainingParameters.parse(JsonColumns.read(column, new TypeReference<Map<String, Object>>() { }),
                    TrainingParameters.DEFAULTS);
        } catch (TrainingParameters.InvalidParameters e) {
            throw new IllegalStateException("stored training parameters are no longer valid: " + e.getMessage(), e);
        }
    }

    public static String write(TrainingParameters parameters) {
        return JsonColumns.write(parameters.asMap());
    }

    private static ProblemException problem(List<TrainingParameters.Violation> violations) {
        List<Problem.FieldError> errors = violations.stream()
                .map(v -> new Problem.FieldError(v.parameter(), v.message())).toList();
        String detail = violations.stream().map(v -> v.parameter() + ": " + v.message()).collect(Collectors.joining("; "));
        if (violations.stream().anyMatch(v -> v.kind() == TrainingParameters.Kind.UNKNOWN)) {
            return new ProblemException(400, "UNKNOWN_FIELD", detail, errors);
        }
        if (violations.stream().anyMatch(v -> v.kind() == TrainingParameters.Kind.WRONG_TYPE)) {
            return new ProblemException(400, "MALFORMED_JSON", detail, errors);
        }
        return new ProblemException(422, "VALIDATION_FAILED", detail, errors);
    }
}
