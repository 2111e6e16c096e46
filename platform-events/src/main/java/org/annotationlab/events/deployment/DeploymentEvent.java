package org.annotationlab.events.deployment;

import org.annotationlab.events.DomainEvent;
import org.annotationlab.events.Topics;

/** An event published by deploy-service on {@code lab.deployments}. */
public interface DeploymentEvent extends DomainEvent {
    @Override
    default String topic() {
        return Topics.DEPLOYMENTS;
    }
}
