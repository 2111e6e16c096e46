package org.annotationlab.events.training;

import org.annotationlab.events.DomainEvent;
import org.annotationlab.events.Topics;

/** An event published by training-service on {@code lab.trainings}. */
public interface TrainingEvent extends DomainEvent {

    /** The training run the event is about. */
    java.util.UUID runId();

    @Override
    default String topic() {
        return Topics.TRAININGS;
    }
}
