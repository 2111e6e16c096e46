package org.annotationlab.nlprunner.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.annotationlab.nlprunner.serve.LoadedModel;
import org.annotationlab.nlprunner.serve.PredictedSpan;
import org.annotationlab.nlprunner.train.TrainingSetSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Scores a saved pipeline on a project's test set the way the model server tags: each task's raw
 * text goes through {@link LoadedModel#predict}, and the predicted character spans are compared
 * with the gold spans (exact start, end and label). So the figure is what pre-annotation gives on
 * unseen tasks, tokenization and sentence splitting included, not a score on gold tokens.
 */
public final class TestSetEvaluation {

    /** Texts per {@link LoadedModel#predict} call: the model server's usual request size. */
    private static final int TEXTS_PER_CALL = 64;

    /** One test task: its text and gold spans. */
    public record GoldTask(String text, List<CharSpan> spans) {
    }

    /** The test set as read: its tasks and the file's SHA-256. */
    public record TestSet(List<GoldTask> tasks, String sha256) {

        public long entities() {
            return tasks.stream().mapToLong(t -> t.spans().size()).sum();
        }
    }

    private TestSetEvaluation() {
    }

    /**
     * Reads annotation-service's test-set export: NDJSON, one {@code {text, spans: [{start, end,
     * label}]}} per line (other fields ignored); blank lines skipped.
     *
     * @throws IllegalArgumentException naming the line of a malformed task
     */
    public static TestSet read(Path file, ObjectMapper json) throws IOException {
        List<GoldTask> tasks = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = json.readTree(lines.get(i));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": not JSON: " + e.getOriginalMessage());
            }
            tasks.add(task(node, file, i + 1));
        }
        return new TestSet(List.copyOf(tasks), TrainingSetSource.sha256(file));
    }

    private static GoldTask task(JsonNode node, Path file, int line) {
        JsonNode text = node.path("text");
        if (!text.isTextual()) {
            throw new IllegalArgumentException(file + " line " + line + ": no text");
        }
        List<CharSpan> spans = new ArrayList<>();
        for (JsonNode span : node.path("spans")) {
            int start = span.path("start").asInt(-1);
            int end = span.path("end").asInt(-1);
            if (start < 0 || end <= start || end > text.asText().length() || !span.path("label").isTextual()) {
                throw new IllegalArgumentException(file + " line " + line + ": bad span " + span);
            }
            spans.add(new CharSpan(start, end, span.path("label").asText()));
        }
        return new GoldTask(text.asText(), List.copyOf(spans));
    }

    /** Tags every test text with {@code model} and scores its spans against the gold ones. */
    public static EvaluationResult evaluate(LoadedModel model, List<GoldTask> tasks) {
        List<List<CharSpan>> gold = new ArrayList<>();
        List<List<CharSpan>> predicted = new ArrayList<>();
        for (int from = 0; from < tasks.size(); from += TEXTS_PER_CALL) {
            List<GoldTask> chunk = tasks.subList(from, Math.min(tasks.size(), from + TEXTS_PER_CALL));
            List<List<PredictedSpan>> spans = model.predict(chunk.stream().map(GoldTask::text).toList());
            for (int i = 0; i < chunk.size(); i++) {
                gold.add(chunk.get(i).spans());
                predicted.add(spans.get(i).stream().map(s -> new CharSpan(s.start(), s.end(), s.label())).toList());
            }
        }
        return new EntityEvaluator().evaluateSpans(gold, predicted);
    }
}
