package org.annotationlab.nlprunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.annotationlab.nlprunner.conll.ConllFormatException;
import org.annotationlab.nlprunner.conll.ConllParser;
import org.annotationlab.nlprunner.conll.ConllSentence;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One real training run on the 300-sentence NCBI sample (2 epochs), scored on a test set of
 * {@value #TEST_TASKS} of its sentences as raw text, shared by every test class
 * that needs a trained model: training is the slow part of the suite, so it happens once per
 * test JVM.
 */
public final class TrainedModelFixture {

    /** The sample training set (see src/test/resources/ncbi-sample/README.md). */
    public static final Path SAMPLE = Path.of("src/test/resources/ncbi-sample/train.tsv");
    /** Tasks in the test set. */
    public static final int TEST_TASKS = 30;
    /** Parameters that learn enough in 2 epochs to predict spans. */
    public static final String PARAMS = "{\"epochs\": 2, \"learningRate\": 0.01, \"batchSize\": 8, \"seed\": 42}";

    private static RunResult result;
    private static Path runDir;

    private TrainedModelFixture() {
    }

    /** The run's result, training on first use. */
    public static synchronized RunResult run() throws IOException {
        if (result == null) {
            runDir = Path.of("target/test-runs/fixture");
            deleteRecursively(runDir);
            Files.createDirectories(runDir);
            Path params = Files.writeString(runDir.resolve("params.json"), PARAMS);
            Files.writeString(testSet(), testSetOf(SAMPLE, TEST_TASKS));
            result = RunResult.train(runDir, "--training-set", SAMPLE.toString(), "--params", params.toString(),
                    "--test-set", testSet().toString(), "--output", output().toString());
        }
        return result;
    }

    /** The test set the run is scored on, as annotation-service exports one (NDJSON). */
    public static Path testSet() {
        return Path.of("target/test-runs/fixture/test-set.jsonl");
    }

    /**
     * The last {@code count} sentences of a CoNLL file as test tasks: the tokens joined by one space
     * as the text, each entity as a character span. (Sentences of the sample: the fixture is about
     * the mechanics, not about the figure.)
     */
    public static String testSetOf(Path conll, int count) throws IOException {
        List<ConllSentence> sentences;
        try {
            sentences = new ConllParser().parse(conll);
        } catch (ConllFormatException e) {
            throw new IOException(e);
        }
        ObjectMapper json = new ObjectMapper();
        StringBuilder lines = new StringBuilder();
        for (ConllSentence sentence : sentences.subList(sentences.size() - count, sentences.size())) {
            int[] starts = new int[sentence.tokens().size() + 1];
            for (int i = 0; i < sentence.tokens().size(); i++) {
                starts[i + 1] = starts[i] + sentence.tokens().get(i).length() + 1;
            }
            List<Map<String, Object>> spans = sentence.entities().stream().map(e -> Map.<String, Object>of(
                    "start", starts[e.start()], "end", starts[e.end()] - 1, "label", e.label())).toList();
            lines.append(json.writeValueAsString(Map.of("text", sentence.text(), "spans", spans))).append('\n');
        }
        return lines.toString();
    }

    /** The run's output directory (model/, training.log, metrics.json, labels.json). */
    public static Path output() {
        return Path.of("target/test-runs/fixture/out");
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
