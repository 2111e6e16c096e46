package org.annotationlab.preannotation.events;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import org.annotationlab.events.EventCodec;
import org.annotationlab.events.EventEnvelope;
import org.annotationlab.events.Topics;
import org.annotationlab.events.consumer.IdempotentConsumer;
import org.annotationlab.events.deployment.DeploymentCompleted;
import org.annotationlab.events.deployment.DeploymentFailed;
import org.annotationlab.events.deployment.DeploymentStarted;
import org.annotationlab.preannotation.project.ProjectState;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code lab.deployments}: what is deployed for each project, where, in which state — and what
 * serves — applied once per event.
 */
@ApplicationScoped
public class DeploymentsConsumer {

    private final IdempotentConsumer consumer;

    DeploymentsConsumer(IdempotentConsumer consumer) {
        this.consumer = consumer;
    }

    @Incoming(Topics.Channels.DEPLOYMENTS)
    @ActivateRequestContext
    public Uni<Void> onDeploymentEvent(String record) {
        return consumer.consume("preannotation-service.deployments", record, this::deployment).replaceWithVoid();
    }

    private Uni<Void> deployment(EventEnvelope event) {
        EventCodec codec = consumer.codec();
        if (event.is(DeploymentStarted.class)) {
            DeploymentStarted started = codec.data(event, DeploymentStarted.class);
            return ProjectState.lock(started.projectId()).invoke(p -> {
                p.deploymentId = started.deploymentId();
                p.deploymentState = "PENDING";
                p.deploymentModels = ProjectState.json(started.models());
                p.deploymentEndpoint = null;
                p.deploymentMessage = null;
                p.deploymentAt = event.time().toInstant();
            }).replaceWithVoid();
        }
        if (event.is(DeploymentCompleted.class)) {
            DeploymentCompleted completed = codec.data(event, DeploymentCompleted.class);
            return ProjectState.lock(completed.projectId()).invoke(p -> {
                if (completed.deploymentId().equals(p.deploymentId)) {
                    p.deploymentState = "READY";
                    p.deploymentEndpoint = completed.endpoint();
                }
                p.servingDeployment = completed.deploymentId();
                p.servingEndpoint = completed.endpoint();
                p.servingModels = ProjectState.json(completed.models());
                // A new model serves: with active learning on, the pool is scored again by it.
                p.rescoreDue = p.activeLearning;
            }).replaceWithVoid();
        }
        if (event.is(DeploymentFailed.class)) {
            DeploymentFailed failed = codec.data(event, DeploymentFailed.class);
            return ProjectState.lock(failed.projectId()).invoke(p -> {
                if (failed.deploymentId().equals(p.deploymentId)) {
                    p.deploymentState = "FAILED";
                    p.deploymentMessage = failed.reason() + ": " + failed.message();
                }
            }).replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }
}
