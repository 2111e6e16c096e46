package org.annotationlab.deploy.deployment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A deployment as the API shows it: the models and the labels each predicts, who, when, state. */
public record DeploymentView(UUID id, UUID projectId, int number, Deployment.State state, String reason, String message,
        String trigger, List<Deployment.DeployedModel> models, String requestedBy, String endpoint, Instant createdAt,
        Instant finishedAt) {

    public static DeploymentView of(Deployment d) {
        return new DeploymentView(d.id, d.projectId, d.number, d.state, d.reason, d.message, d.trigger, d.modelList(),
                d.requestedBy, d.endpoint, d.createdAt, d.finishedAt);
    }

    /** The latest deployment, and the one the project's server serves (the latest READY one). */
    public record Latest(DeploymentView latest, DeploymentView serving) {
    }
}
