package org.annotationlab.nlprunner.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ModelRegistryTest {

    private final List<String> loads = new ArrayList<>();
    private final ModelRegistry registry = new ModelRegistry(spec -> {
        if (spec.path().startsWith("/broken")) {
            throw new ModelLoadException("model '" + spec.name() + "': cannot load " + spec.path());
        }
        loads.add(spec.name() + "=" + spec.path());
        return new LoadedModel(spec.name(), spec.path(), List.of("L"), null, null);
    });

    @Test
    void isNotReadyBeforeTheFirstLoad() {
        assertFalse(registry.ready());
        assertTrue(registry.all().isEmpty());
    }

    @Test
    void servesTheModelsInTheGivenOrder() throws Exception {
        registry.replace(List.of(new ModelSpec("b", "/b"), new ModelSpec("a", "/a")));

        assertTrue(registry.ready());
        assertEquals(List.of("b", "a"), registry.all().stream().map(LoadedModel::name).toList());
    }

    @Test
    void failedReplaceKeepsTheServedSetAndRecordsWhy() throws Exception {
        registry.replace(List.of(new ModelSpec("a", "/a")));

        assertThrows(ModelLoadException.class,
                () -> registry.replace(List.of(new ModelSpec("c", "/c"), new ModelSpec("d", "/broken"))));

        assertEquals(List.of("a"), List.copyOf(registry.snapshot().keySet()));
        assertTrue(registry.lastFailure().orElseThrow().contains("/broken"));
    }

    @Test
    void unchangedModelIsReusedAndChangedPathIsReloaded() throws Exception {
        registry.replace(List.of(new ModelSpec("a", "/a"), new ModelSpec("b", "/b")));
        LoadedModel a = registry.snapshot().get("a");

        registry.replace(List.of(new ModelSpec("a", "/a"), new ModelSpec("b", "/b2")));

        assertSame(a, registry.snapshot().get("a"));
        assertEquals(List.of("a=/a", "b=/b", "b=/b2"), loads);
        assertTrue(registry.lastFailure().isEmpty());
    }
}
