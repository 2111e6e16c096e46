package org.annotationlab.nlprunner.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.annotationlab.nlprunner.evaluation.EvaluationResult;
import org.annotationlab.nlprunner.evaluation.Score;
import org.annotationlab.training.contract.Metrics;
import org.annotationlab.training.contract.RunFiles;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes the machine-readable outputs of a run next to the model: {@link RunFiles#METRICS} and
 * {@link RunFiles#LABELS}, in the contract's shapes that training-service and deploy-service read.
 */
public final class TrainingArtifacts {

    /** Size facts about the data a run trained on. */
    public record DataFacts(int trainSentences, int validationSentences, long entities, String sha256) {
    }

    private final ObjectMapper json;

    public TrainingArtifacts(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The run's metrics: micro, macro, per label on the validation sentences, the data sizes, the
     * training set's hash, and the test set's scores ({@code test} null: none) with the baseline's
     * on the same set, if one was scored.
     */
    public static Metrics metrics(EvaluationResult result, DataFacts facts, TestFacts test) {
        return metrics(result, facts, test, null);
    }

    /** As above, with a train curve's points (null: an ordinary run). */
    public static Metrics metrics(EvaluationResult result, DataFacts facts, TestFacts test, List<Metrics.CurvePoint> curve) {
        Metrics.Baseline baseline = test == null || test.baseline() == null ? null
                : new Metrics.Baseline(test.baselineModel(), testScores(test, test.baseline()));
        return new Metrics(score(result.micro(), 0), score(result.macro(), 0), perLabel(result), facts.trainSentences(),
                facts.validationSentences(), facts.entities(), facts.sha256(),
                test == null ? null : testScores(test, test.result()), baseline, curve);
    }

    private static Metrics.TestScores testScores(TestFacts test, EvaluationResult result) {
        return new Metrics.TestScores(test.tasks(), test.entities(), test.sha256(), score(result.micro(), 0),
                score(result.macro(), 0), perLabel(result));
    }

    /**
     * The scores on a test set of {@code tasks} tasks with {@code entities} gold spans, and the
     * file's hash; {@code baseline} the deployed model {@code baselineModel}'s on the same set
     * (null: none scored).
     */
    public record TestFacts(EvaluationResult result, int tasks, long entities, String sha256, String baselineModel,
            EvaluationResult baseline) {
    }

    private static Map<String, Metrics.Score> perLabel(EvaluationResult result) {
        Map<String, Metrics.Score> perLabel = new LinkedHashMap<>();
        result.perLabel().forEach((label, score) -> perLabel.put(label, score(score, score.support())));
        return perLabel;
    }

    /** Writes {@link RunFiles#METRICS}. */
    public void writeMetrics(Path outputDir, Metrics metrics) throws IOException {
        json.writerWithDefaultPrettyPrinter().writeValue(outputDir.resolve(RunFiles.METRICS).toFile(), metrics);
    }

    /** Writes {@link RunFiles#LABELS}: the entity labels, without B-/I- prefixes. */
    public void writeLabels(Path outputDir, Collection<String> labels) throws IOException {
        json.writeValue(outputDir.resolve(RunFiles.LABELS).toFile(), labels);
    }

    static Metrics.Score score(Score score, int support) {
        return new Metrics.Score(score.precision(), score.recall(), score.f1(), support);
    }
}
