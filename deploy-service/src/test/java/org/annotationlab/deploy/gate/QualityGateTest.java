package org.annotationlab.deploy.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.annotationlab.deploy.gate.QualityGate.Decision;
import org.annotationlab.deploy.gate.QualityGate.Deployed;
import org.annotationlab.deploy.gate.QualityGate.Outcome;
import org.annotationlab.training.contract.Metrics;
import org.junit.jupiter.api.Test;

/** The gate's rule on its own: where the deployed model's figure comes from, and each outcome. */
class QualityGateTest {

    @Test
    void aModelAtLeastAsGoodOnTheSameTestSetPassesAndAWorseOneIsRefused() {
        Deployed v1 = new Deployed("p_ner_v1", run(0.70, "set-a", null, 0));

        Decision equal = QualityGate.decide("p_ner_v2", run(0.70, "set-a", null, 0), v1, 0.0);
        Decision worse = QualityGate.decide("p_ner_v2", run(0.69, "set-a", null, 0), v1, 0.0);

        assertEquals(Outcome.PASSED, equal.outcome());
        assertEquals(Outcome.REFUSED, worse.outcome());
        assertEquals(0.70, worse.baselineF1());
        assertEquals("p_ner_v2 test F1 0.6900 < 0.7000 of p_ner_v1 (deployed) on the same 40 test tasks: not deployed; "
                + "a Manager may deploy it anyway", worse.message());
    }

    @Test
    void theToleranceLetsASlightlyWorseModelThroughAndNoFurther() {
        Deployed v1 = new Deployed("p_ner_v1", run(0.70, "set-a", null, 0));

        assertEquals(Outcome.PASSED, QualityGate.decide("p_ner_v2", run(0.68, "set-a", null, 0), v1, 0.02).outcome());
        assertEquals(Outcome.REFUSED, QualityGate.decide("p_ner_v2", run(0.6799, "set-a", null, 0), v1, 0.02).outcome());
        assertTrue(QualityGate.decide("p_ner_v2", run(0.68, "set-a", null, 0), v1, 0.02).message()
                .endsWith("within the tolerance 0.0200"));
    }

    @Test
    void theRunsOwnScoreOfTheDeployedModelComesBeforeThatModelsOwnRun() {
        // The test set changed since v1's run (set-a → set-b): only the new run's baseline is on set-b.
        Deployed v1 = new Deployed("p_ner_v1", run(0.90, "set-a", null, 0));

        Decision decision = QualityGate.decide("p_ner_v2", run(0.72, "set-b", "p_ner_v1", 0.75), v1, 0.0);

        assertEquals(Outcome.REFUSED, decision.outcome());
        assertEquals(0.75, decision.baselineF1());
    }

    @Test
    void withoutAFigureOfTheDeployedModelOnTheTestSetTheModelIsNotComparedAndNotDeployed() {
        Deployed v1 = new Deployed("p_ner_v1", run(0.50, "set-a", null, 0));

        // Its run scored another model (deployed while it trained), and v1 was tested on another set.
        Decision decision = QualityGate.decide("p_ner_v3", run(0.99, "set-b", "p_ner_v2", 0.40), v1, 0.0);

        assertEquals(Outcome.REFUSED, decision.outcome());
        assertNull(decision.baselineF1());
        assertTrue(decision.message().startsWith("p_ner_v1, deployed now, was not scored on the test set"), decision.message());
    }

    @Test
    void nothingToCompareWithIsNotGated() {
        assertEquals(Outcome.NOT_GATED, QualityGate.decide("p_ner_v1", run(0.10, "set-a", null, 0), null, 0.0).outcome());
        Decision noTestSet = QualityGate.decide("p_ner_v2", run(0, null, null, 0),
                new Deployed("p_ner_v1", run(0.90, "set-a", null, 0)), 0.0);
        assertEquals(Outcome.NOT_GATED, noTestSet.outcome());
        assertEquals(0, noTestSet.testTasks());
        assertTrue(noTestSet.message().startsWith("The project has no test set"), noTestSet.message());
    }

    /** A run's metrics: test micro F1 {@code f1} on test set {@code sha} (none when null), and its baseline. */
    private static Metrics run(double f1, String sha, String baselineModel, double baselineF1) {
        Metrics.Score validation = new Metrics.Score(0.5, 0.5, 0.5, 0);
        return new Metrics(validation, validation, Map.of(), 100, 20, 300, "train-sha",
                sha == null ? null : test(f1, sha), baselineModel == null ? null : new Metrics.Baseline(baselineModel, test(baselineF1, sha)));
    }

    private static Metrics.TestScores test(double f1, String sha) {
        Metrics.Score score = new Metrics.Score(f1, f1, f1, 0);
        return new Metrics.TestScores(40, 55, sha, score, score, Map.of());
    }
}
