package org.annotationlab.nlprunner.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

import org.annotationlab.training.contract.TrainingParameters;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the {@code --params} file training-service writes: a JSON object of
 * {@link TrainingParameters}, every key optional (a blank file means the defaults). Anything the
 * contract refuses is an INVALID_PARAMETERS failure naming the parameter.
 */
final class ParamsFile {

    private ParamsFile() {
    }

    static TrainingParameters read(Path file, ObjectMapper json) throws TrainingFailure {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw TrainingFailure.invalid("parameters file " + file + " does not exist");
        } catch (IOException e) {
            throw TrainingFailure.invalid("cannot read parameters file " + file + ": " + e.getMessage());
        }
        if (text.isBlank()) {
            return TrainingParameters.DEFAULTS;
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw TrainingFailure.invalid("parameters file " + file + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            throw TrainingFailure.invalid("parameters must be a JSON object, not " + node.getNodeType());
        }
        try {
            return TrainingParameters.parse(json.convertValue(node, new TypeReference<Map<String, Object>>() { }),
                    TrainingParameters.DEFAULTS);
        } catch (TrainingParameters.InvalidParameters e) {
            throw TrainingFailure.invalid("parameters file " + file + ": " + e.getMessage());
        }
    }
}
