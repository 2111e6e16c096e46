package org.annotationlab.events.deployment;

import java.util.UUID;

/** A deployment failed ({@code reason}, {@code message}); the project's previous model list keeps serving. */
public record DeploymentFailed(UUID projectId, UUID deploymentId, String reason, String message) implements DeploymentEvent {
}
