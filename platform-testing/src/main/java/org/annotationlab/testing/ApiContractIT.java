package org.annotationlab.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The API contract of the service being built, checked after its tests: failsafe runs this class
 * from platform-testing in each service's integration-test phase, in the module's directory.
 * Every status the service answered during its tests ({@code target/openapi/observed-responses.txt},
 * written by platform-web's ObservedResponses) must be documented for that operation in the
 * OpenAPI document the build stored ({@code target/openapi/openapi.json}); every documented error
 * must have the problem+json body, and every 202 its body.
 */
class ApiContractIT {

    static final Path DOCUMENT = Path.of("target/openapi/openapi.json");
    static final Path OBSERVED = Path.of("target/openapi/observed-responses.txt");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void everyStatusTheTestsSawIsDocumented() throws IOException {
        assertTrue(Files.exists(OBSERVED), "the tests recorded no responses at " + OBSERVED.toAbsolutePath()
                + " (run the module's tests first)");
        Map<String, JsonObject> operations = operations();
        List<String> observed = Files.readAllLines(OBSERVED).stream().filter(l -> !l.isBlank()).toList();
        assertFalse(observed.isEmpty(), "the tests recorded no responses");

        Set<String> problems = new TreeSet<>();
        for (String line : observed) {
            String[] parts = line.split(" ");
            JsonObject operation = operations.get(parts[0]);
            if (operation == null) {
                problems.add(parts[0] + " answered " + parts[1] + " but is not in the OpenAPI document");
            } else if (!operation.getJsonObject("responses").containsKey(parts[1])) {
                problems.add(parts[0] + " answered " + parts[1] + ", which its OpenAPI responses do not list: "
                        + new TreeSet<>(operation.getJsonObject("responses").keySet()));
            }
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " undocumented response(s) in " + DOCUMENT + ":\n  " + String.join("\n  ", problems));
        }
    }

    @Test
    void everyErrorHasTheProblemBodyAndEvery202ItsBody() throws IOException {
        Set<String> problems = new TreeSet<>();
        operations().forEach((id, operation) -> operation.getJsonObject("responses").forEach((status, response) -> {
            JsonObject content = response.asJsonObject().getJsonObject("content");
            if (status.startsWith("4") || status.startsWith("5")) {
                JsonObject problem = content == null ? null : content.getJsonObject("application/problem+json");
                String ref = problem == null ? "" : problem.getJsonObject("schema").getString("$ref", "");
                if (!ref.endsWith("/Problem")) {
                    problems.add(id + " " + status + " has no application/problem+json Problem body");
                }
            } else if (status.equals("202") && (content == null || content.isEmpty())) {
                problems.add(id + " 202 does not document its body");
            }
        }));
        if (!problems.isEmpty()) {
            fail(problems.size() + " response(s) without their body:\n  " + String.join("\n  ", problems));
        }
    }

    /** Every operation of the stored document, by its operationId. */
    static Map<String, JsonObject> operations() throws IOException {
        assertTrue(Files.exists(DOCUMENT), "the build stored no OpenAPI document at " + DOCUMENT.toAbsolutePath());
        JsonObject document;
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(DOCUMENT))) {
            document = reader.readObject();
        }
        Map<String, JsonObject> operations = new TreeMap<>();
        document.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().forEach((method, op) -> {
            if (METHODS.contains(method) && op.getValueType() == JsonValue.ValueType.OBJECT) {
                operations.put(op.asJsonObject().getString("operationId", method + " " + path), op.asJsonObject());
            }
        }));
        return operations;
    }
}
