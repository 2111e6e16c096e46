package org.annotationlab.nlprunner.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.annotationlab.nlprunner.RunResult;
import org.annotationlab.nlprunner.TrainedModelFixture;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Same data and seed give the same split, vectors, network initialisation and so the same metrics. */
class TrainReproducibilityTest {

    /** TensorFlow's multi-threaded float sums may differ in the last bits between runs. */
    private static final double FLOAT_NOISE = 0.02;

    @Test
    void sameDataAndSeedGiveTheSameMetrics() throws Exception {
        assertEquals(0, TrainedModelFixture.run().exitCode());
        Path dir = Files.createDirectories(Path.of("target/test-runs/repeat"));
        Path params = Files.writeString(dir.resolve("params.json"), TrainedModelFixture.PARAMS);

        RunResult repeat = RunResult.train(dir, "--training-set", TrainedModelFixture.SAMPLE.toString(),
                "--params", params.toString(), "--output", dir.resolve("out").toString());

        assertEquals(0, repeat.exitCode());
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(TrainedModelFixture.output().resolve("metrics.json").toFile());
        JsonNode second = json.readTree(dir.resolve("out/metrics.json").toFile());
        assertEquals(first.get("trainingSetSha256"), second.get("trainingSetSha256"));
        assertEquals(first.get("perLabel").get("Disease").get("support"),
                second.get("perLabel").get("Disease").get("support"));
        for (String average : new String[] {"micro", "macro"}) {
            for (String field : new String[] {"precision", "recall", "f1"}) {
                assertEquals(first.get(average).get(field).asDouble(), second.get(average).get(field).asDouble(),
                        FLOAT_NOISE, average + "." + field);
            }
        }
    }
}
