package org.annotationlab.training.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LearningCurveTest {

    @Test
    void theCurveIsDrawnOnTheNewestRunsTestSetOrderedByTrainingSetSize() {
        List<TrainingRun> runs = List.of(
                run(1, RunState.SUCCEEDED, 40, scored("aaa", 0.50, 0.40)),
                run(2, RunState.SUCCEEDED, 120, scored("bbb", 0.70, 0.65)),
                run(3, RunState.FAILED, 160, null),
                run(4, RunState.SUCCEEDED, 80, scored("bbb", 0.60, 0.55)),
                run(5, RunState.SUCCEEDED, 100, validationOnly()),
                run(6, RunState.SUCCEEDED, 80, scored("bbb", 0.62, 0.60)));

        LearningCurve curve = LearningCurve.of(runs);

        assertEquals("bbb", curve.testSet().sha256());
        assertEquals(List.of(4, 6, 2), curve.points().stream().map(LearningCurve.Point::run).toList());
        assertEquals(List.of(80, 80, 120), curve.points().stream().map(LearningCurve.Point::trainingSetSize).toList());
        assertEquals(0.70, curve.points().get(2).f1());
        assertEquals(0.65, curve.points().get(2).perLabelF1().get("Disease"));
        assertEquals(1, curve.otherTestSets(), "run 1, on an earlier test set");
        assertEquals(1, curve.withoutTestSet(), "run 5");
    }

    @Test
    void withoutAnyTestSetThereIsNoCurve() {
        LearningCurve curve = LearningCurve.of(List.of(run(1, RunState.SUCCEEDED, 50, validationOnly())));

        assertNull(curve.testSet());
        assertEquals(List.of(), curve.points());
        assertEquals(1, curve.withoutTestSet());
    }

    private static TrainingRun run(int number, RunState state, int size, String metrics) {
        TrainingRun run = new TrainingRun();
        run.id = UUID.randomUUID();
        run.number = number;
        run.state = state;
        run.datasetSize = size;
        run.metrics = metrics;
        return run;
    }

    private static String validationOnly() {
        return "{\"micro\":" + score(0.5) + ",\"macro\":" + score(0.5) + ",\"perLabel\":{},\"trainSentences\":9,"
                + "\"validationSentences\":1,\"entities\":9,\"trainingSetSha256\":\"x\",\"test\":null}";
    }

    private static String scored(String sha256, double f1, double diseaseF1) {
        return "{\"micro\":" + score(0.5) + ",\"macro\":" + score(0.5) + ",\"perLabel\":{},\"trainSentences\":9,"
                + "\"validationSentences\":1,\"entities\":9,\"trainingSetSha256\":\"x\",\"test\":{\"tasks\":20,"
                + "\"entities\":25,\"sha256\":\"" + sha256 + "\",\"micro\":" + score(f1) + ",\"macro\":" + score(f1)
                + ",\"perLabel\":{\"Disease\":" + score(diseaseF1) + "}}}";
    }

    private static String score(double f1) {
        return "{\"precision\":" + f1 + ",\"recall\":" + f1 + ",\"f1\":" + f1 + ",\"support\":0}";
    }
}
