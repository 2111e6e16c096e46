package org.annotationlab.annotation.span;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.annotationlab.web.problem.Problem;
import org.annotationlab.web.problem.ProblemException;

/**
 * Checks spans against the task text and the project's labels before they are stored: offsets
 * inside the text, non-empty and not only whitespace, a label of the labeling config, and no
 * two spans overlapping (CoNLL's BIO tags cannot express overlap). Every bad span is named.
 */
public final class SpanValidator {

    private SpanValidator() {
    }

    public static void validate(String text, List<Span> spans, Set<String> labels) {
        fail(errors(text, spans, labels, "spans"));
    }

    /** The same checks, naming each bad span under {@code path} (e.g. {@code predictions[2].spans}). */
    public static List<Problem.FieldError> errors(String text, List<Span> spans, Set<String> labels, String path) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            Span s = spans.get(i);
            String field = path + "[" + i + "]";
            if (s.start() >= s.end() || s.end() > text.length()) {
                errors.add(new Problem.FieldError(field, "offsets " + s.start() + ".." + s.end()
                        + " are not a non-empty range inside the text (length " + text.length() + ")"));
            } else if (text.substring(s.start(), s.end()).isBlank()) {
                errors.add(new Problem.FieldError(field, "covers only whitespace"));
            }
            if (!labels.contains(s.label())) {
                errors.add(new Problem.FieldError(field + ".label", "label " + s.label()
                        + " is not in the project's labeling config " + labels));
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> spans.get(i).start()));
        for (int k = 1; k < order.size(); k++) {
            Span previous = spans.get(order.get(k - 1));
            Span current = spans.get(order.get(k));
            if (current.start() < previous.end()) {
                errors.add(new Problem.FieldError(path + "[" + order.get(k) + "]",
                        "overlaps " + path + "[" + order.get(k - 1) + "]; spans of one completion must not overlap"));
            }
        }
        return errors;
    }

    /** 422 {@code INVALID_SPANS} naming every bad span, if there is one. */
    public static void fail(List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "INVALID_SPANS", errors.get(0).field() + ": " + errors.get(0).message()
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""), errors);
        }
    }
}
