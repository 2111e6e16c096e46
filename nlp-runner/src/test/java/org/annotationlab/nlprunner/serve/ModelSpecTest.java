package org.annotationlab.nlprunner.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ModelSpecTest {

    @Test
    void parsesCommaSeparatedNameEqualsPath() {
        assertEquals(List.of(new ModelSpec("a", "/models/a"), new ModelSpec("b_v2", "/m/b/model")),
                ModelSpec.parseList("a=/models/a, b_v2=/m/b/model"));
    }

    @Test
    void rejectsMissingPathsDuplicateNamesAndOddNames() {
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.parseList("a"));
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.parseList("a="));
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.parseList("a=/x,a=/y"));
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.parseList("../a=/x"));
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.fromMap(Map.of()));
    }

    @Test
    void fromMapKeepsTheGivenOrder() {
        Map<String, String> models = new LinkedHashMap<>();
        models.put("z", "/z");
        models.put("a", "/a");

        assertEquals(List.of("z", "a"), ModelSpec.fromMap(models).stream().map(ModelSpec::name).toList());
    }
}
