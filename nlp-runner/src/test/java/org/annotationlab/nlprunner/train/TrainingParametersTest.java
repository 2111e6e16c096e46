package org.annotationlab.nlprunner.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

class TrainingParametersTest {

    private final ObjectMapper json = new ObjectMapper();

    private TrainingParameters parse(String text) throws Exception {
        return TrainingParameters.fromJson(json.readTree(text));
    }

    @Test
    void emptyObjectGivesTheDocumentedDefaults() throws Exception {
        assertEquals(new TrainingParameters(0.2, 10, 0.001, 0.005, 0.5, 8, 42), parse("{}"));
    }

    @Test
    void readsEveryKey() throws Exception {
        TrainingParameters p = parse("{\"validationSplit\":0.1,\"epochs\":3,\"learningRate\":0.01,"
                + "\"decay\":0,\"dropout\":0.25,\"batchSize\":32,\"seed\":-7}");

        assertEquals(new TrainingParameters(0.1, 3, 0.01, 0.0, 0.25, 32, -7), p);
    }

    @Test
    void unknownKeyIsInvalidAndNamed() {
        TrainingFailure failure = assertThrows(TrainingFailure.class, () -> parse("{\"epoch\":3}"));

        assertEquals(FailureReason.INVALID_PARAMETERS, failure.reason());
        assertTrue(failure.getMessage().contains("'epoch'"), failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"validationSplit\":0.6}", "{\"validationSplit\":-0.1}", "{\"epochs\":0}", "{\"epochs\":201}",
        "{\"learningRate\":0}", "{\"learningRate\":1.5}", "{\"decay\":2}", "{\"dropout\":1}",
        "{\"batchSize\":0}", "{\"batchSize\":2048}", "{\"epochs\":2.5}", "{\"epochs\":\"3\"}",
        "{\"seed\":1e12}", "[]"
    })
    void valuesOutOfRangeOrOfTheWrongTypeAreInvalid(String text) {
        TrainingFailure failure = assertThrows(TrainingFailure.class, () -> parse(text));

        assertEquals(FailureReason.INVALID_PARAMETERS, failure.reason());
    }

    @Test
    void rangeBoundsThemselvesAreAccepted() throws Exception {
        TrainingParameters p = parse("{\"validationSplit\":0,\"epochs\":200,\"learningRate\":1,"
                + "\"decay\":1,\"dropout\":0,\"batchSize\":1024}");

        assertEquals(200, p.epochs());
        assertEquals(0.0, p.validationSplit());
    }

    @Test
    void fileThatIsMissingOrNotJsonIsInvalid(@TempDir Path dir) throws Exception {
        Path notJson = Files.writeString(dir.resolve("p.json"), "{epochs: 3");

        assertEquals(FailureReason.INVALID_PARAMETERS,
                assertThrows(TrainingFailure.class, () -> TrainingParameters.read(notJson, json)).reason());
        assertEquals(FailureReason.INVALID_PARAMETERS, assertThrows(TrainingFailure.class,
                () -> TrainingParameters.read(dir.resolve("missing.json"), json)).reason());
    }

    @Test
    void blankFileMeansDefaults(@TempDir Path dir) throws Exception {
        Path blank = Files.writeString(dir.resolve("p.json"), "\n");

        assertEquals(TrainingParameters.defaults(), TrainingParameters.read(blank, json));
    }
}
