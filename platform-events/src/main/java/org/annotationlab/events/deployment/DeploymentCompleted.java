package org.annotationlab.events.deployment;

import java.util.List;
import java.util.UUID;

/** The project's model server is ready with exactly these models at {@code endpoint} ({@code POST /predict}). */
public record DeploymentCompleted(UUID projectId, UUID deploymentId, List<DeploymentStarted.DeployedModel> models,
        String endpoint) implements DeploymentEvent {
}
