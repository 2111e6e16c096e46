package org.annotationlab.deploy.deployment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A deployment as the API shows it: each model with the labels bound to it (the only labels it
 * contributes), who, when, state. Folders in the model store are not shown.
 */
public record DeploymentView(UUID id, UUID projectId, int number, Deployment.State state, String reason, String message,
        String trigger, List<Model> models, String requestedBy, String endpoint, Instant createdAt,
        Instant finishedAt) {

    public static DeploymentView of(Deployment d) {
        return new DeploymentView(d.id, d.projectId, d.number, d.state, d.reason, d.message, d.trigger,
                d.modelList().stream().map(m -> new Model(m.name(), m.labels())).toList(),
                d.requestedBy, d.endpoint, d.createdAt, d.finishedAt);
    }

    /** A deployed model and the labels bound to it. */
    public record Model(String name, List<String> labels) {
    }

    /** The latest deployment, and the one the project's server serves (the latest READY one). */
    public record Latest(DeploymentView latest, DeploymentView serving) {
    }
}
