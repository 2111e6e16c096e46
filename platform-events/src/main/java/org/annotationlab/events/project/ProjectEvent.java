package org.annotationlab.events.project;

import org.annotationlab.events.DomainEvent;
import org.annotationlab.events.Topics;

/** An event published by project-service on {@code lab.projects}. */
public interface ProjectEvent extends DomainEvent {
    @Override
    default String topic() {
        return Topics.PROJECTS;
    }
}
