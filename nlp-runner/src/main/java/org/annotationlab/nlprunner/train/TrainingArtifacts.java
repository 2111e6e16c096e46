package org.annotationlab.nlprunner.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;

import org.annotationlab.nlprunner.evaluation.EvaluationResult;
import org.annotationlab.nlprunner.evaluation.Score;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes the machine-readable outputs of a run next to the model: {@code metrics.json} and
 * {@code labels.json}, in the shapes training-service and deploy-service read.
 */
public final class TrainingArtifacts {

    /** Size facts about the data a run trained on. */
    public record DataFacts(int trainSentences, int validationSentences, long entities, String sha256) {
    }

    private final ObjectMapper json;

    public TrainingArtifacts(ObjectMapper json) {
        this.json = json;
    }

    /** The metrics object: micro, macro, perLabel, data sizes and the training set hash. */
    public ObjectNode metrics(EvaluationResult result, DataFacts facts) {
        ObjectNode metrics = json.createObjectNode();
        metrics.set("micro", score(result.micro(), false));
        metrics.set("macro", score(result.macro(), false));
        ObjectNode perLabel = metrics.putObject("perLabel");
        result.perLabel().forEach((label, score) -> perLabel.set(label, score(score, true)));
        metrics.put("trainSentences", facts.trainSentences());
        metrics.put("validationSentences", facts.validationSentences());
        metrics.put("entities", facts.entities());
        metrics.put("trainingSetSha256", facts.sha256());
        return metrics;
    }

    /** Writes {@code metrics.json}. */
    public void writeMetrics(Path outputDir, ObjectNode metrics) throws IOException {
        json.writerWithDefaultPrettyPrinter().writeValue(outputDir.resolve("metrics.json").toFile(), metrics);
    }

    /** Writes {@code labels.json}: the entity labels, without B-/I- prefixes. */
    public void writeLabels(Path outputDir, Collection<String> labels) throws IOException {
        ArrayNode array = json.createArrayNode();
        labels.forEach(array::add);
        json.writeValue(outputDir.resolve("labels.json").toFile(), array);
    }

    private ObjectNode score(Score score, boolean withSupport) {
        ObjectNode node = json.createObjectNode();
        node.put("precision", score.precision());
        node.put("recall", score.recall());
        node.put("f1", score.f1());
        if (withSupport) {
            node.put("support", score.support());
        }
        return node;
    }
}
