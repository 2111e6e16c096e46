package org.annotationlab.deploy.server;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * A project's model server as it should be.
 *
 * @param projectId the project
 * @param name      a DNS-1123 name for its workload: {@code model-server-<project id>}
 * @param models    model name → its folder in the model store (a training run's output, or a
 *                  pretrained model's path): the same absolute path in the service and the server
 */
public record ModelServer(UUID projectId, String name, Map<String, String> models) {

    public static String nameOf(UUID projectId) {
        return "model-server-" + projectId;
    }

    /** The models' folders, which the server's heap is sized from ({@code RunnerJvm}). */
    public Path[] modelPaths() {
        return models.values().stream().map(Path::of).toArray(Path[]::new);
    }

    /** {@code nlp-runner serve --models} syntax: {@code name=path,name=path}, sorted by name. */
    public String modelsArgument() {
        return String.join(",", new java.util.TreeMap<>(models).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList());
    }
}
