package org.annotationlab.project.events;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import org.annotationlab.events.Topics;
import org.annotationlab.events.consumer.IdempotentConsumer;
import org.annotationlab.events.deployment.ModelRegistered;
import org.annotationlab.project.registry.ModelRegistryView;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** {@code lab.deployments}: keeps the registry view current (ModelRegistered), once per event. */
@ApplicationScoped
public class DeploymentsConsumer {

    /** The name its processed events are recorded under (kept from when it was the model-registry consumer). */
    static final String CONSUMER = "project-service.model-registry";

    private static final Logger LOG = Logger.getLogger(DeploymentsConsumer.class);

    private final IdempotentConsumer consumer;
    private final ModelRegistryView registry;

    DeploymentsConsumer(IdempotentConsumer consumer, ModelRegistryView registry) {
        this.consumer = consumer;
        this.registry = registry;
    }

    @Incoming(Topics.Channels.DEPLOYMENTS)
    @ActivateRequestContext
    public Uni<Void> onDeploymentEvent(String record) {
        return consumer.consume(CONSUMER, record, envelope -> {
            if (!envelope.is(ModelRegistered.class)) {
                return Uni.createFrom().voidItem();
            }
            ModelRegistered event = consumer.codec().data(envelope, ModelRegistered.class);
            LOG.infof("model %s registered (project %s, labels %s)", event.name(), event.projectId(), event.labels());
            return registry.record(event);
        }).replaceWithVoid();
    }
}
