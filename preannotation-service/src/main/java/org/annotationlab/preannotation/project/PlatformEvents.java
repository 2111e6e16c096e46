package org.annotationlab.preannotation.project;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.util.List;
import java.util.UUID;
import org.annotationlab.events.EventCodec;
import org.annotationlab.events.EventEnvelope;
import org.annotationlab.events.consumer.IdempotentConsumer;
import org.annotationlab.events.deployment.DeploymentCompleted;
import org.annotationlab.events.deployment.DeploymentFailed;
import org.annotationlab.events.deployment.DeploymentStarted;
import org.annotationlab.events.project.ProjectDeleted;
import org.annotationlab.events.training.TrainingCancelled;
import org.annotationlab.events.training.TrainingFailed;
import org.annotationlab.events.training.TrainingQueued;
import org.annotationlab.events.training.TrainingSucceeded;
import org.annotationlab.web.membership.ProjectEventHandler;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The project facts pre-annotation depends on, each applied once: deployments
 * ({@code lab.deployments}: what is deployed, where, in which state), trainings
 * ({@code lab.trainings}: queued or running means busy) and deletion ({@code lab.projects}).
 */
@ApplicationScoped
public class PlatformEvents implements ProjectEventHandler {

    private final IdempotentConsumer consumer;

    PlatformEvents(IdempotentConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public Uni<Void> on(EventEnvelope event, EventCodec codec) {
        if (event.is(ProjectDeleted.class)) {
            return ProjectState.lock(codec.data(event, ProjectDeleted.class).projectId()).invoke(p -> p.deleted = true)
                    .replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }

    @Incoming("lab-deployments")
    @ActivateRequestContext
    public Uni<Void> onDeploymentEvent(String record) {
        return consumer.consume("preannotation-service.deployments", record, this::deployment).replaceWithVoid();
    }

    @Incoming("lab-trainings")
    @ActivateRequestContext
    public Uni<Void> onTrainingEvent(String record) {
        return consumer.consume("preannotation-service.trainings", record, List.of(TrainingQueued.class,
                TrainingSucceeded.class, TrainingFailed.class, TrainingCancelled.class), this::training).replaceWithVoid();
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

    private Uni<Void> training(EventEnvelope event) {
        EventCodec codec = consumer.codec();
        if (event.is(TrainingQueued.class)) {
            TrainingQueued queued = codec.data(event, TrainingQueued.class);
            return ProjectState.lock(queued.projectId()).invoke(p -> p.trainingRun = queued.runId()).replaceWithVoid();
        }
        UUID projectId = null;
        UUID runId = null;
        if (event.is(TrainingSucceeded.class)) {
            TrainingSucceeded e = codec.data(event, TrainingSucceeded.class);
            projectId = e.projectId();
            runId = e.runId();
        } else if (event.is(TrainingFailed.class)) {
            TrainingFailed e = codec.data(event, TrainingFailed.class);
            projectId = e.projectId();
            runId = e.runId();
        } else if (event.is(TrainingCancelled.class)) {
            TrainingCancelled e = codec.data(event, TrainingCancelled.class);
            projectId = e.projectId();
            runId = e.runId();
        }
        if (projectId == null) {
            return Uni.createFrom().voidItem();
        }
        UUID finished = runId;
        return ProjectState.lock(projectId).invoke(p -> {
            if (finished.equals(p.trainingRun)) {
                p.trainingRun = null;
            }
        }).replaceWithVoid();
    }
}
