package org.annotationlab.web.events;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import org.annotationlab.events.Topics;
import org.annotationlab.events.consumer.IdempotentConsumer;
import org.annotationlab.web.membership.MembershipView;
import org.annotationlab.web.membership.ProjectEventHandler;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The one consumer of {@code lab.projects} in a service: updates the membership view, then lets
 * each {@link ProjectEventHandler} of the service react — all in one transaction, once per event.
 * Its channel {@link Topics.Channels#PROJECTS} is bound to the topic in the service's configuration.
 */
@ApplicationScoped
@IfBuildProperty(name = "lab.membership-view.enabled", stringValue = "true")
public class ProjectsConsumer {

    private final IdempotentConsumer consumer;
    private final MembershipView view;
    private final List<ProjectEventHandler> handlers;
    private final String name;

    ProjectsConsumer(IdempotentConsumer consumer, MembershipView view, Instance<ProjectEventHandler> handlers,
            @ConfigProperty(name = "quarkus.application.name") String application) {
        this.consumer = consumer;
        this.view = view;
        this.handlers = handlers.stream().toList();
        this.name = application + ".projects";
    }

    @Incoming(Topics.Channels.PROJECTS)
    @ActivateRequestContext
    public Uni<Void> onProjectEvent(String record) {
        return consumer.consume(name, record, event -> view.apply(event, consumer.codec())
                .chain(() -> Multi.createFrom().iterable(handlers)
                        .onItem().transformToUniAndConcatenate(h -> h.on(event, consumer.codec()))
                        .collect().last()))
                .replaceWithVoid();
    }
}
