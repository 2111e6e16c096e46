package org.annotationlab.nlprunner.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.annotationlab.training.contract.FailureReason;
import org.annotationlab.training.contract.TrainingParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The params.json file: read as JSON, checked by the training contract (whose own test covers the ranges). */
class ParamsFileTest {

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    private TrainingParameters read(String text) throws Exception {
        return ParamsFile.read(Files.writeString(dir.resolve("params.json"), text), json);
    }

    private TrainingFailure failure(String text) {
        return assertThrows(TrainingFailure.class, () -> read(text));
    }

    @Test
    void readsTheKeysGivenAndDefaultsTheOthers() throws Exception {
        TrainingParameters p = read("{\"epochs\":3,\"learningRate\":0.01,\"seed\":-7}");

        assertEquals(TrainingParameters.DEFAULTS.with(Map.of("epochs", 3, "learningRate", 0.01, "seed", -7)), p);
        assertEquals(0.2, p.validationSplit());
    }

    @Test
    void blankFileMeansDefaults() throws Exception {
        assertEquals(TrainingParameters.DEFAULTS, read("\n"));
    }

    @Test
    void parametersTheContractRefusesAreInvalidParametersNamingEachOne() {
        TrainingFailure failure = failure("{\"epochs\":0,\"epoch\":3,\"batchSize\":\"8\"}");

        assertEquals(FailureReason.INVALID_PARAMETERS, failure.reason());
        assertTrue(failure.getMessage().contains("epochs must be from 1 to 200, not 0"), failure.getMessage());
        assertTrue(failure.getMessage().contains("epoch is not a training parameter"), failure.getMessage());
        assertTrue(failure.getMessage().contains("batchSize must be a whole number"), failure.getMessage());
    }

    @Test
    void fileThatIsMissingOrNotAJsonObjectIsInvalid() {
        assertEquals(FailureReason.INVALID_PARAMETERS, failure("{epochs: 3").reason());
        assertEquals(FailureReason.INVALID_PARAMETERS, failure("[]").reason());
        assertEquals(FailureReason.INVALID_PARAMETERS, assertThrows(TrainingFailure.class,
                () -> ParamsFile.read(dir.resolve("missing.json"), json)).reason());
    }
}
