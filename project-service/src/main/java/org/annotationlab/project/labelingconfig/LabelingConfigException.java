package org.annotationlab.project.labelingconfig;

import java.util.List;
import org.annotationlab.web.problem.Problem;
import org.annotationlab.web.problem.ProblemException;

/** A labeling config that cannot be accepted; 422 with the offending element or attribute named. */
public class LabelingConfigException extends ProblemException {

    public LabelingConfigException(String reason, String field, String message) {
        super(422, reason, message, List.of(new Problem.FieldError(field, message)));
    }

    public LabelingConfigException(String reason, List<Problem.FieldError> errors) {
        super(422, reason, errors.stream().map(Problem.FieldError::message).reduce((a, b) -> a + "; " + b)
                .orElse("invalid labeling config"), errors);
    }
}
