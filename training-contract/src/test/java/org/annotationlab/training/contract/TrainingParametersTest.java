package org.annotationlab.training.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class TrainingParametersTest {

    private static TrainingParameters parse(Map<String, ?> values) throws TrainingParameters.InvalidParameters {
        return TrainingParameters.parse(values, TrainingParameters.DEFAULTS);
    }

    private static List<TrainingParameters.Violation> violations(Map<String, ?> values) {
        return assertThrows(TrainingParameters.InvalidParameters.class, () -> parse(values)).violations();
    }

    @Test
    void nothingGivenMeansTheDocumentedDefaults() throws Exception {
        assertEquals(new TrainingParameters(0.2, 10, 0.001, 0.005, 0.5, 8, 42), parse(Map.of()));
    }

    @Test
    void givenValuesReplaceTheBaseOnesAndNullKeepsThem() throws Exception {
        TrainingParameters base = new TrainingParameters(0.1, 3, 0.01, 0.0, 0.25, 32, -7);
        Map<String, Object> values = new HashMap<>();
        values.put("epochs", 5L);
        values.put("dropout", null);
        values.put("learningRate", new java.math.BigDecimal("0.003"));

        assertEquals(new TrainingParameters(0.1, 5, 0.003, 0.0, 0.25, 32, -7), TrainingParameters.parse(values, base));
    }

    @Test
    void withReplacesTheNamedParametersAndRefusesLikeParse() {
        assertEquals(new TrainingParameters(0.2, 3, 0.001, 0.005, 0.5, 8, 7),
                TrainingParameters.DEFAULTS.with(Map.of("epochs", 3, "seed", 7)));
        assertThrows(IllegalArgumentException.class, () -> TrainingParameters.DEFAULTS.with(Map.of("epochs", 0)));
    }

    @Test
    void asMapIsTheJsonShapeAndParsesBackToTheSameParameters() throws Exception {
        TrainingParameters p = new TrainingParameters(0.1, 3, 0.01, 0.0, 0.25, 32, -7);

        assertEquals(List.of("validationSplit", "epochs", "learningRate", "decay", "dropout", "batchSize", "seed"),
                List.copyOf(p.asMap().keySet()));
        assertEquals(p, TrainingParameters.parse(p.asMap(), TrainingParameters.DEFAULTS));
    }

    static List<Object[]> refused() {
        return List.of(
                new Object[] {"validationSplit", 0.6, "must be from 0 to 0.5, not 0.6"},
                new Object[] {"validationSplit", -0.1, "must be from 0 to 0.5, not -0.1"},
                new Object[] {"epochs", 0, "must be from 1 to 200, not 0"},
                new Object[] {"epochs", 201, "must be from 1 to 200, not 201"},
                new Object[] {"epochs", 2.5, "must be a whole number, not 2.5"},
                new Object[] {"epochs", 3.0, "must be a whole number, not 3.0"},
                new Object[] {"epochs", "3", "must be a whole number, not the text \"3\""},
                new Object[] {"learningRate", 0, "must be above 0 and at most 1, not 0"},
                new Object[] {"learningRate", 1.5, "must be above 0 and at most 1, not 1.5"},
                new Object[] {"learningRate", Double.POSITIVE_INFINITY, "must be a number, not Infinity"},
                new Object[] {"decay", 2, "must be from 0 to 1, not 2"},
                new Object[] {"dropout", 1, "must be from 0 and below 1, not 1"},
                new Object[] {"batchSize", 0, "must be from 1 to 1024, not 0"},
                new Object[] {"batchSize", 2048, "must be from 1 to 1024, not 2048"},
                new Object[] {"batchSize", true, "must be a whole number, not true"},
                new Object[] {"batchSize", Map.of("a", 1), "must be a whole number, not an object"},
                new Object[] {"dropout", "x".repeat(100), "must be a number, not the text \"" + "x".repeat(27) + "..."},
                new Object[] {"seed", 1e12, "must be a whole number, not 1.0E12"},
                new Object[] {"seed", 1L << 40, "must be a whole number, not 1099511627776"},
                new Object[] {"seed", BigInteger.TWO.pow(70), "must be a whole number, not 1180591620717411303424"});
    }

    @ParameterizedTest
    @MethodSource("refused")
    void valuesOutOfRangeOrOfTheWrongTypeAreRefusedNamingTheParameter(String name, Object value, String message) {
        TrainingParameters.Violation violation = violations(Map.of(name, value)).get(0);

        assertEquals(name, violation.parameter());
        assertEquals(message, violation.message());
        assertEquals(message.matches("must be a (whole )?number, .*") ? TrainingParameters.Kind.WRONG_TYPE : TrainingParameters.Kind.OUT_OF_RANGE,
                violation.kind());
    }

    @Test
    void everyProblemIsReportedAtOnceAndUnknownKeysAreNamed() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("epoch", 3);
        values.put("epochs", 0);
        values.put("batchSize", 0);

        List<TrainingParameters.Violation> violations = violations(values);

        assertEquals(List.of("epoch", "epochs", "batchSize"), violations.stream().map(TrainingParameters.Violation::parameter).toList());
        assertEquals(TrainingParameters.Kind.UNKNOWN, violations.get(0).kind());
        assertEquals("is not a training parameter (they are validationSplit, epochs, learningRate, decay, dropout, "
                + "batchSize, seed)", violations.get(0).message());
    }

    @Test
    void rangeBoundsThemselvesAreAccepted() throws Exception {
        TrainingParameters low = parse(Map.of("validationSplit", 0, "epochs", 1, "learningRate", 1e-9, "decay", 0,
                "dropout", 0, "batchSize", 1, "seed", Integer.MIN_VALUE));
        TrainingParameters high = parse(Map.of("validationSplit", 0.5, "epochs", 200, "learningRate", 1, "decay", 1,
                "dropout", 0.999, "batchSize", 1024, "seed", Integer.MAX_VALUE));

        assertEquals(new TrainingParameters(0, 1, 1e-9, 0, 0, 1, Integer.MIN_VALUE), low);
        assertEquals(new TrainingParameters(0.5, 200, 1, 1, 0.999, 1024, Integer.MAX_VALUE), high);
    }

    @Test
    void everyDefaultIsWithinItsOwnRange() {
        TrainingParameters.DEFAULTS.asMap().forEach((name, value) -> assertEquals(null,
                TrainingParameters.RANGES.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().check(value),
                name));
    }
}
