package org.annotationlab.nlprunner.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.annotationlab.nlprunner.RunResult;
import org.annotationlab.nlprunner.TrainedModelFixture;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Same data and seed give the same split, vectors, network initialisation and batch order, and
 * with one TensorFlow inter-op thread ({@link TensorFlowSessions}) the same steps in the same
 * order: the same training curve and metrics, to the last digit. (With TensorFlow's default
 * inter-op threads the per-epoch loss of these parameters moved by up to 0.4 % between two runs,
 * 493.74/218.71 vs 493.85/219.53, and the held-out F1 by one entity decision: issue 25.)
 */
class TrainReproducibilityTest {

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
        assertEquals(losses(TrainedModelFixture.run()), losses(repeat));
        assertFalse(losses(repeat).isEmpty());
        for (String average : new String[] {"micro", "macro"}) {
            for (String field : new String[] {"precision", "recall", "f1"}) {
                assertEquals(first.get(average).get(field).asDouble(), second.get(average).get(field).asDouble(),
                        average + "." + field);
            }
        }
    }

    private static List<Double> losses(RunResult run) {
        return run.events().stream().filter(e -> "epoch".equals(e.path("event").asText()))
                .map(e -> e.path("loss").asDouble()).toList();
    }
}
