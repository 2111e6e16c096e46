package org.annotationlab.events.deployment;

import java.util.List;
import java.util.UUID;

/** A deployment of a project's models started: its model server is being created or moved to these models. */
public record DeploymentStarted(UUID projectId, UUID deploymentId, List<DeployedModel> models, String requestedBy)
        implements DeploymentEvent {

    /**
     * A model of a deployment, its version ({@code "3"} for {@code <slug>_ner_v3}, {@link #PRETRAINED}
     * for a catalog model) and the labels bound to it: the only labels it contributes. Predictions
     * name the model and this version.
     */
    public record DeployedModel(String name, String version, List<String> labels) {

        /** The version of a pretrained catalog model. */
        public static final String PRETRAINED = "pretrained";

        /** The version of a registered model: its training's number, or {@link #PRETRAINED}. */
        public static String versionOf(Integer trainedVersion) {
            return trainedVersion == null ? PRETRAINED : String.valueOf(trainedVersion);
        }
    }
}
