package org.annotationlab.training.events;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.util.List;
import org.annotationlab.events.EventEnvelope;
import org.annotationlab.events.Topics;
import org.annotationlab.events.annotation.TrainingSetChanged;
import org.annotationlab.events.consumer.IdempotentConsumer;
import org.annotationlab.training.project.ProjectTraining;
import org.annotationlab.training.run.TrainingService;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code lab.annotations}: the selected training-set size (TrainingSetChanged), which drives
 * active learning, applied once per event.
 */
@ApplicationScoped
public class AnnotationsConsumer {

    private final IdempotentConsumer consumer;
    private final TrainingService service;

    AnnotationsConsumer(IdempotentConsumer consumer, TrainingService service) {
        this.consumer = consumer;
        this.service = service;
    }

    @Incoming(Topics.Channels.ANNOTATIONS)
    @ActivateRequestContext
    public Uni<Void> onAnnotationEvent(String record) {
        return consumer.consume("training-service.annotations", record, List.of(TrainingSetChanged.class), this::apply)
                .replaceWithVoid();
    }

    private Uni<Void> apply(EventEnvelope event) {
        TrainingSetChanged changed = consumer.codec().data(event, TrainingSetChanged.class);
        return ProjectTraining.lock(changed.projectId()).invoke(p -> p.selectedCount = changed.selectedCount())
                .chain(() -> service.considerActiveLearning(changed.projectId()));
    }
}
