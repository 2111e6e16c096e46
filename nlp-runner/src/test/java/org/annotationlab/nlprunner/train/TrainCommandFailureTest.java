package org.annotationlab.nlprunner.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.annotationlab.nlprunner.RunResult;
import org.annotationlab.training.contract.FailureReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input ends a run with its reason's exit code, one failed event and a one-line message. */
class TrainCommandFailureTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private RunResult train(Path trainingSet, String params) throws Exception {
        return RunResult.train(dir, "--training-set", trainingSet.toString(),
                "--params", file("params.json", params).toString(), "--output", dir.resolve("out").toString());
    }

    private static String sentences(int count, int withEntity) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append("Patients\tO\nwith\tO\n").append("cancer\t").append(i < withEntity ? "B-Disease" : "O")
                    .append("\n\n");
        }
        return text.toString();
    }

    private static void assertFailed(RunResult result, FailureReason reason, String messagePart) {
        assertEquals(reason.exitCode(), result.exitCode());
        assertEquals(1, result.events().size(), "exactly one event: " + result.events());
        assertEquals("failed", result.lastEvent().get("event").asText());
        assertEquals(reason.name(), result.lastEvent().get("reason").asText());
        assertTrue(result.lastEvent().get("message").asText().contains(messagePart), result.lastEvent().toString());
        assertTrue(result.terminationMessage().startsWith(reason.name() + ": "), result.terminationMessage());
        assertEquals(1, result.terminationMessage().lines().count());
    }

    @Test
    void aBadWordVectorDimensionIsRefusedBeforeTrainingNamingTheProperty() throws Exception {
        System.setProperty("nlp-runner.word2vec.dimension", "wide");
        try {
            RunResult result = train(file("train.conll", sentences(30, 30)), "{}");

            assertFailed(result, FailureReason.INVALID_PARAMETERS,
                    "nlp-runner.word2vec.dimension must be a positive whole number, not 'wide'");
        } finally {
            System.clearProperty("nlp-runner.word2vec.dimension");
        }
    }

    @Test
    void aMalformedTestSetIsRefusedBeforeTrainingNamingItsLine() throws Exception {
        Path testSet = file("test-set.jsonl", "{\"text\": \"gout\", \"spans\": []}\n"
                + "{\"text\": \"gout\", \"spans\": [{\"start\": 0, \"end\": 9, \"label\": \"Disease\"}]}\n");

        RunResult result = RunResult.train(dir, "--training-set", file("train.conll", sentences(30, 30)).toString(),
                "--params", file("params.json", "{}").toString(), "--test-set", testSet.toString(),
                "--output", dir.resolve("out").toString());

        assertFailed(result, FailureReason.INVALID_PARAMETERS, "test set: " + testSet + " line 2: bad span");
    }

    @Test
    void emptyTrainingSetIsInsufficientData() throws Exception {
        assertFailed(train(file("empty.conll", ""), "{}"), FailureReason.INSUFFICIENT_DATA, "0 sentences");
    }

    @Test
    void tooFewEntitiesIsInsufficientData() throws Exception {
        assertFailed(train(file("few.conll", sentences(50, 3)), "{}"), FailureReason.INSUFFICIENT_DATA,
                "3 entity mentions");
    }

    @Test
    void malformedLineIsInvalidParametersNamingTheLine() throws Exception {
        Path trainingSet = file("bad.conll", sentences(30, 30) + "no-tag-here\n");

        assertFailed(train(trainingSet, "{}"), FailureReason.INVALID_PARAMETERS, "line 121");
    }

    @Test
    void unknownParameterIsInvalidParametersNamingTheKey() throws Exception {
        assertFailed(train(file("ok.conll", sentences(30, 30)), "{\"epochz\": 3}"),
                FailureReason.INVALID_PARAMETERS, "epochz is not a training parameter");
    }

    @Test
    void parameterOutOfRangeIsInvalidParameters() throws Exception {
        assertFailed(train(file("ok.conll", sentences(30, 30)), "{\"validationSplit\": 0.9}"),
                FailureReason.INVALID_PARAMETERS, "validationSplit");
    }

    @Test
    void missingTrainingSetFileIsInvalidParameters() throws Exception {
        assertFailed(train(dir.resolve("nope.conll"), "{}"), FailureReason.INVALID_PARAMETERS, "nope.conll");
    }

    @Test
    void missingOrUnknownOptionIsInvalidParameters() throws Exception {
        assertFailed(RunResult.train(dir, "--params", "p.json"), FailureReason.INVALID_PARAMETERS,
                "--training-set is required");
        assertFailed(RunResult.train(dir, "--training-set", "x", "--epochs", "3"), FailureReason.INVALID_PARAMETERS,
                "unknown option --epochs");
    }

    @Test
    void moreTagsThanAnyBundledGraphSupportsFailsNamingTheLimit() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            text.append("w").append(i).append("\tB-L").append(i).append("\nx\tI-L").append(i).append("\n\n");
        }

        assertFailed(train(file("many-labels.conll", text.toString()), "{}"), FailureReason.INVALID_PARAMETERS,
                "at most 38 tags");
    }
}
