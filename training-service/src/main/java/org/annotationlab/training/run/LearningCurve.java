package org.annotationlab.training.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.training.contract.Metrics;

/**
 * A project's learning curve from its history: the test F1 of each successful run against the
 * size of the training set it learned from. Only runs scored on the same test set are comparable,
 * so the curve is drawn on the test set of the newest scored run (its SHA-256); runs scored on
 * another test set, or on none, are counted, not drawn.
 *
 * @param testSet        the test set the points were scored on; null when no run had one
 * @param points         one per run on that test set, by training-set size (then run number)
 * @param otherTestSets  successful runs scored on another test set
 * @param withoutTestSet successful runs without a test set
 */
public record LearningCurve(TestSet testSet, List<Point> points, int otherTestSets, int withoutTestSet) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The test set: its file's SHA-256 and its tasks. */
    public record TestSet(String sha256, int tasks, long entities) {
    }

    /** One run on the curve: micro precision, recall and F1 on the test set, and F1 per label. */
    public record Point(int run, UUID runId, Instant finishedAt, int trainingSetSize, double precision, double recall,
            double f1, Map<String, Double> perLabelF1) {
    }

    /** The curve of these runs (any order; runs other than SUCCEEDED ones are ignored). */
    public static LearningCurve of(List<TrainingRun> runs) {
        record Scored(TrainingRun run, Metrics.TestScores test) {
        }
        List<Scored> scored = new ArrayList<>();
        int withoutTestSet = 0;
        for (TrainingRun run : runs) {
            if (run.state != RunState.SUCCEEDED || run.metrics == null) {
                continue;
            }
            Metrics.TestScores test = read(run.metrics).test();
            if (test == null) {
                withoutTestSet++;
            } else {
                scored.add(new Scored(run, test));
            }
        }
        if (scored.isEmpty()) {
            return new LearningCurve(null, List.of(), 0, withoutTestSet);
        }
        Scored newest = scored.stream().max(Comparator.comparingInt(s -> s.run().number)).orElseThrow();
        String sha256 = newest.test().sha256();
        List<Point> points = scored.stream().filter(s -> s.test().sha256().equals(sha256))
                .sorted(Comparator.comparingInt((Scored s) -> size(s.run())).thenComparingInt(s -> s.run().number))
                .map(s -> {
                    Map<String, Double> perLabel = new LinkedHashMap<>();
                    s.test().perLabel().forEach((label, score) -> perLabel.put(label, score.f1()));
                    Metrics.Score micro = s.test().micro();
                    return new Point(s.run().number, s.run().id, s.run().finishedAt, size(s.run()), micro.precision(),
                            micro.recall(), micro.f1(), perLabel);
                }).toList();
        return new LearningCurve(new TestSet(sha256, newest.test().tasks(), newest.test().entities()), points,
                scored.size() - points.size(), withoutTestSet);
    }

    private static int size(TrainingRun run) {
        return run.datasetSize == null ? 0 : run.datasetSize;
    }

    private static Metrics read(String metrics) {
        try {
            return JSON.readValue(metrics, Metrics.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run's stored metrics do not parse: " + e.getOriginalMessage(), e);
        }
    }
}
