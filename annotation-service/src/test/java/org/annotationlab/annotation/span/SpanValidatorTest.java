package org.annotationlab.annotation.span;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.annotationlab.web.problem.ProblemException;
import org.junit.jupiter.api.Test;

class SpanValidatorTest {

    private static final String TEXT = "renal failure and gout";
    private static final Set<String> LABELS = Set.of("Disease");

    @Test
    void validSpansPass() {
        assertDoesNotThrow(() -> SpanValidator.validate(TEXT, List.of(Span.of(0, 13, "Disease"),
                Span.of(18, 22, "Disease")), LABELS));
    }

    @Test
    void eachBadSpanIsNamed() {
        ProblemException e = assertThrows(ProblemException.class, () -> SpanValidator.validate(TEXT, List.of(
                Span.of(0, 13, "Disease"), Span.of(5, 30, "Disease"), Span.of(13, 14, "Disease"),
                Span.of(18, 22, "Drug")), LABELS));

        assertEquals(List.of("spans[1]", "spans[2]", "spans[3].label"),
                e.errors().stream().map(f -> f.field()).toList().subList(0, 3));
        assertEquals(422, e.status());
    }

    @Test
    void overlappingSpansAreRefused() {
        ProblemException e = assertThrows(ProblemException.class, () -> SpanValidator.validate(TEXT,
                List.of(Span.of(6, 13, "Disease"), Span.of(0, 13, "Disease")), LABELS));

        assertEquals("spans[0]", e.errors().get(0).field());
    }
}
