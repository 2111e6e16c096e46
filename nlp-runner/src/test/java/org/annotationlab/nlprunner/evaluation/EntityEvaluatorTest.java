package org.annotationlab.nlprunner.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class EntityEvaluatorTest {

    private static final double EPS = 1e-9;
    private final EntityEvaluator evaluator = new EntityEvaluator();

    @Test
    void identicalTagsScorePerfectly() {
        List<List<String>> tags = List.of(List.of("B-D", "I-D", "O"), List.of("O", "B-D"));

        EvaluationResult result = evaluator.evaluate(tags, tags);

        assertEquals(1.0, result.micro().f1(), EPS);
        assertEquals(2, result.perLabel().get("D").support());
        assertEquals(2, result.sentences());
    }

    @Test
    void spanWithWrongBoundaryIsBothFalsePositiveAndFalseNegative() {
        EvaluationResult result = evaluator.evaluate(
                List.of(List.of("B-D", "I-D", "O"), List.of("B-D")),
                List.of(List.of("B-D", "O", "O"), List.of("B-D")));

        Score d = result.perLabel().get("D");
        assertEquals(0.5, d.precision(), EPS);
        assertEquals(0.5, d.recall(), EPS);
        assertEquals(0.5, d.f1(), EPS);
    }

    @Test
    void spanWithRightBoundaryButWrongLabelCountsAgainstBothLabels() {
        EvaluationResult result = evaluator.evaluate(List.of(List.of("B-A")), List.of(List.of("B-B")));

        assertEquals(0.0, result.perLabel().get("A").recall(), EPS);
        assertEquals(0.0, result.perLabel().get("B").precision(), EPS);
        assertEquals(1, result.perLabel().get("A").support());
        assertEquals(0, result.perLabel().get("B").support());
        assertEquals(0.0, result.micro().f1(), EPS);
    }

    @Test
    void microWeighsMentionsWhileMacroWeighsLabels() {
        // A: 3 gold, all found. B: 1 gold, missed.
        EvaluationResult result = evaluator.evaluate(
                List.of(List.of("B-A", "O", "B-A", "O", "B-A", "O", "B-B")),
                List.of(List.of("B-A", "O", "B-A", "O", "B-A", "O", "O")));

        assertEquals(1.0, result.micro().precision(), EPS);
        assertEquals(0.75, result.micro().recall(), EPS);
        assertEquals(2 * 0.75 / 1.75, result.micro().f1(), EPS);
        assertEquals(0.5, result.macro().f1(), EPS);
        assertEquals(0.5, result.macro().recall(), EPS);
        assertEquals(4, result.micro().support());
    }

    @Test
    void nothingPredictedGivesZeroPrecisionInsteadOfNaN() {
        EvaluationResult result = evaluator.evaluate(List.of(List.of("B-D")), List.of(List.of("O")));

        assertEquals(0.0, result.micro().precision(), EPS);
        assertEquals(0.0, result.micro().f1(), EPS);
    }

    @Test
    void noSentencesGiveAnEmptyResult() {
        EvaluationResult result = evaluator.evaluate(List.of(), List.of());

        assertEquals(0, result.perLabel().size());
        assertEquals(0.0, result.micro().f1(), EPS);
        assertEquals(0.0, result.macro().f1(), EPS);
    }

    @Test
    void misalignedInputIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> evaluator.evaluate(List.of(List.of("O")), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> evaluator.evaluate(List.of(List.of("O")), List.of(List.of("O", "O"))));
    }

    @Test
    void tableListsEachLabelAndTheAverages() {
        String table = evaluator.evaluate(List.of(List.of("B-D")), List.of(List.of("B-D"))).table();

        assertEquals(4, table.lines().count());
        assertEquals(true, table.contains("micro avg") && table.contains("macro avg") && table.contains("D "));
    }

    @Test
    void characterSpansMatchOnlyOnExactStartEndAndLabel() {
        List<List<CharSpan>> gold = List.of(List.of(new CharSpan(0, 13, "Disease"), new CharSpan(20, 27, "Chemical")),
                List.of(new CharSpan(4, 8, "Disease")));
        List<List<CharSpan>> predicted = List.of(List.of(new CharSpan(0, 13, "Disease"), new CharSpan(20, 26, "Chemical")),
                List.of(new CharSpan(4, 8, "Chemical")));

        EvaluationResult result = evaluator.evaluateSpans(gold, predicted);

        // One of three predictions is right; one of three gold spans is found.
        assertEquals(1.0 / 3, result.micro().precision(), EPS);
        assertEquals(1.0 / 3, result.micro().recall(), EPS);
        assertEquals(1.0, result.perLabel().get("Disease").precision(), EPS);
        assertEquals(0.5, result.perLabel().get("Disease").recall(), EPS);
        assertEquals(0.0, result.perLabel().get("Chemical").f1(), EPS);
        assertEquals(2, result.sentences());
    }
}
