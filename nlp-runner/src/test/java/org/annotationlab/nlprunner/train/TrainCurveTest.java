package org.annotationlab.nlprunner.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.annotationlab.nlprunner.RunResult;
import org.annotationlab.nlprunner.TrainedModelFixture;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A train-curve run (issue 23 §3): before the whole set, the same training on the first half of
 * its sentences, scored on the test set as the run is; its point in the metrics, beside the run's
 * own scores (the 100 % point). Fractions that do not increase within (0, 1) are refused.
 */
class TrainCurveTest {

    private static final Path DIR = Path.of("target/test-runs/curve");

    @Test
    void trainsOnHalfTheSetFirstAndScoresItOnTheTestSet() throws Exception {
        Files.createDirectories(DIR);
        Path testSet = Files.writeString(DIR.resolve("test-set.jsonl"), TrainedModelFixture.testSetOf(TrainedModelFixture.SAMPLE,
                TrainedModelFixture.TEST_TASKS));
        Path params = Files.writeString(DIR.resolve("params.json"), "{\"epochs\": 1, \"learningRate\": 0.01, \"batchSize\": 8, \"seed\": 42}");
        RunResult run = RunResult.train(DIR, "--training-set", TrainedModelFixture.SAMPLE.toString(), "--params",
                params.toString(), "--test-set", testSet.toString(), "--curve", "0.5",
                "--output", DIR.resolve("out").toString());

        assertEquals(0, run.exitCode(), run.events().toString());
        JsonNode metrics = new ObjectMapper().readTree(DIR.resolve("out/metrics.json").toFile());
        JsonNode curve = metrics.get("curve");
        assertEquals(1, curve.size(), metrics.toString());
        JsonNode half = curve.get(0);
        assertEquals(0.5, half.get("fraction").asDouble());
        assertEquals(Math.round(0.5 * metrics.get("trainSentences").asInt()), half.get("trainSentences").asInt());
        assertTrue(half.get("onTest").asBoolean());
        double f1 = half.get("micro").get("f1").asDouble();
        assertTrue(f1 >= 0 && f1 <= 1, "F1 " + f1);
        assertTrue(Files.readString(DIR.resolve("out/training.log")).contains(
                "Train curve: 50 % (" + half.get("trainSentences").asInt() + " sentences): micro F1"));
    }

    @Test
    void refusesFractionsThatDoNotIncreaseWithinZeroAndOne() throws Exception {
        Path dir = Files.createDirectories(DIR.resolve("bad"));
        Path params = Files.writeString(dir.resolve("params.json"), TrainedModelFixture.PARAMS);
        for (String curve : new String[] {"0.5,0.4", "1", "0", "half"}) {
            RunResult run = RunResult.train(dir, "--training-set", TrainedModelFixture.SAMPLE.toString(), "--params",
                    params.toString(), "--curve", curve, "--output", dir.resolve("out").toString());
            assertEquals(2, run.exitCode(), curve);
            assertTrue(run.terminationMessage().contains("--curve"), run.terminationMessage());
        }
    }
}
