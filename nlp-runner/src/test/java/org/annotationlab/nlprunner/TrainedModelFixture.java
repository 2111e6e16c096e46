package org.annotationlab.nlprunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One real training run on the 300-sentence NCBI sample (2 epochs), shared by every test class
 * that needs a trained model: training is the slow part of the suite, so it happens once per
 * test JVM.
 */
public final class TrainedModelFixture {

    /** The sample training set (see src/test/resources/ncbi-sample/README.md). */
    public static final Path SAMPLE = Path.of("src/test/resources/ncbi-sample/train.tsv");
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
            result = RunResult.train(runDir, "--training-set", SAMPLE.toString(), "--params", params.toString(),
                    "--output", output().toString());
        }
        return result;
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
