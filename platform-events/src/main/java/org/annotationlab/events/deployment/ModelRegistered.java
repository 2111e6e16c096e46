package org.annotationlab.events.deployment;

import java.util.List;
import java.util.UUID;

/**
 * A model entered the registry: trained for a project, or a pretrained model from the catalog
 * ({@code projectId} null, {@code pretrained} true). project-service validates labeling-config
 * {@code model=} names against the models it has seen registered.
 */
public record ModelRegistered(UUID projectId, String name, List<String> labels, boolean pretrained)
        implements DeploymentEvent {
}
