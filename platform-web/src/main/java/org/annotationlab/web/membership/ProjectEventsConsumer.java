package org.annotationlab.web.membership;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import org.annotationlab.events.consumer.IdempotentConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The one consumer of {@code lab.projects} in a service: updates the membership view, then lets
 * each {@link ProjectEventHandler} of the service react — all in one transaction, once per event.
 * Its channel {@value #CHANNEL} is configured in the service (topic {@code lab.projects}).
 */
@ApplicationScoped
@IfBuildProperty(name = "lab.membership-view.enabled", stringValue = "true")
public class ProjectEventsConsumer {

    public static final String CHANNEL = "lab-projects";

    private final IdempotentConsumer consumer;
    private final MembershipView view;
    private final List<ProjectEventHandler> handlers;
    private final String name;

    ProjectEventsConsumer(IdempotentConsumer consumer, MembershipView view, Instance<ProjectEventHandler> handlers,
            @ConfigProperty(name = "quarkus.application.name") String application) {
        this.consumer = consumer;
        this.view = view;
        this.handlers = handlers.stream().toList();
        this.name = application + ".projects";
    }

    @Incoming(CHANNEL)
    @ActivateRequestContext
    public Uni<Void> onProjectEvent(String record) {
        return consumer.consume(name, record, event -> view.apply(event, consumer.codec())
                .chain(() -> Multi.createFrom().iterable(handlers)
                        .onItem().transformToUniAndConcatenate(h -> h.on(event, consumer.codec()))
                        .collect().last()))
                .replaceWithVoid();
    }
}
