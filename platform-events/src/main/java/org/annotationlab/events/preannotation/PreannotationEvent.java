package org.annotationlab.events.preannotation;

import org.annotationlab.events.DomainEvent;
import org.annotationlab.events.Topics;

/** An event published by preannotation-service on {@code lab.preannotations}. */
public interface PreannotationEvent extends DomainEvent {
    @Override
    default String topic() {
        return Topics.PREANNOTATIONS;
    }
}
