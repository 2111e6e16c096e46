package org.annotationlab.nlprunner.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.annotationlab.nlprunner.RunResult;
import org.annotationlab.nlprunner.TrainedModelFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A real (tiny) training run: events, outputs and the saved model's files. */
class TrainCommandTest {

    private static RunResult run;
    private static final Path OUT = TrainedModelFixture.output();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void train() throws Exception {
        run = TrainedModelFixture.run();
    }

    @Test
    void succeedsWithExitCodeZeroAndASucceededTerminationMessage() {
        assertEquals(0, run.exitCode(), run.events().toString());
        assertTrue(run.terminationMessage().startsWith("SUCCEEDED: trained on 240 sentences"),
                run.terminationMessage());
    }

    @Test
    void reportsStartedEachEpochEvaluatingAndFinishedInOrder() {
        List<String> types = run.events().stream().map(e -> e.get("event").asText()).toList();
        assertEquals(List.of("started", "epoch", "epoch", "evaluating", "finished"), types);

        JsonNode second = run.events().get(2);
        assertEquals(2, second.get("epoch").asInt());
        assertEquals(2, second.get("epochs").asInt());
        assertTrue(second.get("loss").asDouble() > 0);
        assertTrue(second.get("seconds").asDouble() > 0);
        assertEquals(240, run.events().get(0).get("trainSentences").asInt());
    }

    @Test
    void writesMetricsInTheContractShape() throws Exception {
        JsonNode metrics = json.readTree(OUT.resolve("metrics.json").toFile());

        for (String average : List.of("micro", "macro")) {
            for (String field : List.of("precision", "recall", "f1")) {
                double value = metrics.get(average).get(field).asDouble(-1);
                assertTrue(value >= 0 && value <= 1, average + "." + field + " = " + value);
            }
        }
        JsonNode disease = metrics.get("perLabel").get("Disease");
        assertTrue(disease.get("support").asInt() > 0);
        assertTrue(metrics.get("micro").get("f1").asDouble() > 0, "the model learned something: " + metrics);
        assertEquals(240, metrics.get("trainSentences").asInt());
        assertEquals(60, metrics.get("validationSentences").asInt());
        assertEquals(291, metrics.get("entities").asInt());
        assertEquals(64, metrics.get("trainingSetSha256").asText().length());
        assertEquals(metrics, run.lastEvent().get("metrics"));
    }

    @Test
    void writesLabelsWithoutBioPrefixes() throws Exception {
        assertEquals("[\"Disease\"]", Files.readString(OUT.resolve("labels.json")).strip());
    }

    @Test
    void trainingLogRecordsParametersDataEmbeddingsGraphEpochsAndEvaluation() throws Exception {
        String log = Files.readString(OUT.resolve("training.log"));

        assertTrue(log.contains("learningRate=0.01"), log);
        assertTrue(log.contains("sha256 "), log);
        assertTrue(log.contains("Spark MLlib Word2Vec"), log);
        assertTrue(log.contains("ner-dl/blstm_10_100_128_120.pb"), log);
        assertTrue(log.contains("Epoch 2/2 - "), log);
        assertTrue(log.contains("micro avg") && log.contains("macro avg"), log);
    }

    @Test
    void savesAFivestagePipelineAndRemovesItsWorkFiles() throws Exception {
        try (var stages = Files.list(OUT.resolve("model/stages"))) {
            assertEquals(5, stages.count());
        }
        try (var files = Files.list(OUT)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith(".work")));
        }
    }
}
