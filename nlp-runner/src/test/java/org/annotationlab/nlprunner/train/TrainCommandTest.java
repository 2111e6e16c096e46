package org.annotationlab.nlprunner.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.annotationlab.nlprunner.RunResult;
import org.annotationlab.nlprunner.TrainedModelFixture;
import org.annotationlab.nlprunner.serve.LoadedModel;
import org.annotationlab.nlprunner.serve.ModelLoader;
import org.annotationlab.nlprunner.serve.ModelSpec;
import org.annotationlab.nlprunner.serve.PredictedSpan;
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
        assertTrue(metrics.get("baseline").isNull(), "no --baseline-model, no baseline scores");
        assertTrue(metrics.get("curve").isNull(), "no --curve, no curve");
        // The finished event carries the same metrics (its lines leave out null fields).
        ((com.fasterxml.jackson.databind.node.ObjectNode) metrics).remove(List.of("baseline", "curve"));
        assertEquals(metrics, run.lastEvent().get("metrics"));
    }

    @Test
    void scoresTheSavedModelOnTheTestSetAsTheModelServerTagsIt() throws Exception {
        JsonNode test = json.readTree(OUT.resolve("metrics.json").toFile()).get("test");
        Path testSet = TrainedModelFixture.testSet();

        // The figure must be the model server's: the saved model's spans on the raw texts,
        // counted here against the gold spans by exact start, end and label.
        LoadedModel model = new ModelLoader(json).load(new ModelSpec("fixture", OUT.toString()));
        List<JsonNode> tasks = Files.readAllLines(testSet).stream().map(this::parse).toList();
        List<List<PredictedSpan>> predicted = model.predict(tasks.stream().map(t -> t.get("text").asText()).toList());
        int correct = 0;
        int found = 0;
        int gold = 0;
        for (int i = 0; i < tasks.size(); i++) {
            Set<String> goldSpans = new HashSet<>();
            tasks.get(i).get("spans").forEach(s -> goldSpans.add(s.get("start") + ":" + s.get("end") + ":" + s.get("label").asText()));
            gold += goldSpans.size();
            for (PredictedSpan span : predicted.get(i)) {
                found++;
                correct += goldSpans.contains(span.start() + ":" + span.end() + ":" + span.label()) ? 1 : 0;
            }
        }
        assertTrue(correct > 0, "the model finds some test spans");
        assertEquals(TrainedModelFixture.TEST_TASKS, test.get("tasks").asInt());
        assertEquals(gold, test.get("entities").asLong());
        assertEquals(2.0 * correct / (found + gold), test.get("micro").get("f1").asDouble(), 1e-9);
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(testSet))),
                test.get("sha256").asText());
        assertTrue(Files.readString(OUT.resolve("training.log")).contains("Test set: " + TrainedModelFixture.TEST_TASKS
                + " tasks, " + gold + " gold spans"));
        assertTrue(run.terminationMessage().strip().endsWith("on " + TrainedModelFixture.TEST_TASKS + " test tasks"),
                run.terminationMessage());
    }

    private JsonNode parse(String line) {
        try {
            return json.readTree(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
