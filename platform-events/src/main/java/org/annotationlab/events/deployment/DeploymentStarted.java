package org.annotationlab.events.deployment;

import java.util.List;
import java.util.UUID;

/** A deployment of a project's models started: its model server is being created or moved to these models. */
public record DeploymentStarted(UUID projectId, UUID deploymentId, List<DeployedModel> models, String requestedBy)
        implements DeploymentEvent {

    /** A model of a deployment and the labels bound to it: the only labels it contributes. */
    public record DeployedModel(String name, List<String> labels) {
    }
}
