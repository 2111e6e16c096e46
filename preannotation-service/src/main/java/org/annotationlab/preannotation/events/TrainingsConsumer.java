package org.annotationlab.preannotation.events;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.util.List;
import java.util.UUID;
import org.annotationlab.events.EventCodec;
import org.annotationlab.events.EventEnvelope;
import org.annotationlab.events.Topics;
import org.annotationlab.events.consumer.IdempotentConsumer;
import org.annotationlab.events.training.TrainingCancelled;
import org.annotationlab.events.training.TrainingFailed;
import org.annotationlab.events.training.TrainingQueued;
import org.annotationlab.events.training.TrainingSucceeded;
import org.annotationlab.preannotation.project.ProjectState;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code lab.trainings}: a run queued or running makes the project busy (a hint for the popup;
 * starting a run asks training-service), applied once per event.
 */
@ApplicationScoped
public class TrainingsConsumer {

    private final IdempotentConsumer consumer;

    TrainingsConsumer(IdempotentConsumer consumer) {
        this.consumer = consumer;
    }

    @Incoming(Topics.Channels.TRAININGS)
    @ActivateRequestContext
    public Uni<Void> onTrainingEvent(String record) {
        return consumer.consume("preannotation-service.trainings", record, List.of(TrainingQueued.class,
                TrainingSucceeded.class, TrainingFailed.class, TrainingCancelled.class), this::training).replaceWithVoid();
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
