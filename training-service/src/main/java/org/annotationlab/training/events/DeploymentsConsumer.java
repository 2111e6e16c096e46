package org.annotationlab.training.events;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.util.List;
import java.util.stream.Collectors;
import org.annotationlab.events.EventEnvelope;
import org.annotationlab.events.Topics;
import org.annotationlab.events.consumer.IdempotentConsumer;
import org.annotationlab.events.deployment.DeploymentCompleted;
import org.annotationlab.events.deployment.DeploymentStarted;
import org.annotationlab.training.project.ProjectTraining;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code lab.deployments}: which models each project's model server serves, so that a run can
 * score the deployed model on its test set for the quality gate (DESIGN.md §6). Applied once per
 * event; a project's events arrive in order (keyed by project).
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
        return consumer.consume("training-service.deployments", record, List.of(DeploymentCompleted.class), this::apply)
                .replaceWithVoid();
    }

    private Uni<Void> apply(EventEnvelope event) {
        DeploymentCompleted completed = consumer.codec().data(event, DeploymentCompleted.class);
        String models = completed.models().stream().map(DeploymentStarted.DeployedModel::name).collect(Collectors.joining(","));
        return ProjectTraining.lock(completed.projectId()).invoke(project -> project.servingModels = models).replaceWithVoid();
    }
}
