package org.annotationlab.nlprunner.serve;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The set of models the server currently answers with. A new list is loaded completely before it
 * replaces the old one in a single atomic swap, so requests never see a half-loaded set and a
 * list that fails to load leaves the old one serving.
 */
public final class ModelRegistry {

    private final ModelSource loader;
    private final AtomicReference<Map<String, LoadedModel>> models = new AtomicReference<>();
    private volatile String lastFailure;

    public ModelRegistry(ModelSource loader) {
        this.loader = loader;
    }

    /**
     * Loads the models and, if all load, makes them the served set. A model already served under
     * the same name from the same path is kept as is rather than loaded a second time.
     *
     * @throws ModelLoadException for the first model that fails; the served set is unchanged
     */
    public synchronized void replace(List<ModelSpec> specs) throws ModelLoadException {
        Map<String, LoadedModel> current = snapshot();
        Map<String, LoadedModel> next = new LinkedHashMap<>();
        try {
            for (ModelSpec spec : specs) {
                LoadedModel served = current.get(spec.name());
                boolean unchanged = served != null && served.path().equals(spec.path());
                next.put(spec.name(), unchanged ? served : loader.load(spec));
            }
        } catch (ModelLoadException e) {
            lastFailure = e.getMessage();
            throw e;
        }
        models.set(java.util.Collections.unmodifiableMap(next));
        lastFailure = null;
    }

    /** Whether a model set has been loaded. */
    public boolean ready() {
        return models.get() != null;
    }

    /** The served models in their configured order (empty before the first load). */
    public Collection<LoadedModel> all() {
        Map<String, LoadedModel> current = models.get();
        return current == null ? List.of() : current.values();
    }

    /** A snapshot of the served models by name, for one request to use throughout. */
    public Map<String, LoadedModel> snapshot() {
        Map<String, LoadedModel> current = models.get();
        return current == null ? Map.of() : current;
    }

    /** Why the last load failed, if it did. */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }
}
