package org.annotationlab.project.registry;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import org.annotationlab.events.consumer.IdempotentConsumer;
import org.annotationlab.events.deployment.ModelRegistered;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Keeps the registry view current from {@code lab.deployments}, once per event. */
@ApplicationScoped
public class ModelRegistryConsumer {

    /** The channel bound to topic {@code lab.deployments}. */
    public static final String CHANNEL = "model-registry";
    static final String CONSUMER = "project-service.model-registry";

    private static final Logger LOG = Logger.getLogger(ModelRegistryConsumer.class);

    private final IdempotentConsumer consumer;
    private final ModelRegistryView registry;

    ModelRegistryConsumer(IdempotentConsumer consumer, ModelRegistryView registry) {
        this.consumer = consumer;
        this.registry = registry;
    }

    @Incoming(CHANNEL)
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
