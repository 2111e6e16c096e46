package org.annotationlab.events.annotation;

import org.annotationlab.events.DomainEvent;
import org.annotationlab.events.Topics;

/** An event published by annotation-service on {@code lab.annotations}. */
public interface AnnotationEvent extends DomainEvent {
    @Override
    default String topic() {
        return Topics.ANNOTATIONS;
    }
}
