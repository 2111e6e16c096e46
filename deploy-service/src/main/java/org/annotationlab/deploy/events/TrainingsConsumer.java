package org.annotationlab.deploy.events;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.util.List;
import org.annotationlab.events.EventEnvelope;
import org.annotationlab.deploy.registry.ModelRegistry;
import org.annotationlab.events.Topics;
import org.annotationlab.events.consumer.IdempotentConsumer;
import org.annotationlab.events.training.TrainingSucceeded;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code lab.trainings}: every successful run's model enters the registry; a run that asked to be
 * deployed leaves a deploy request, which the scheduler carries out (config rewrite, then deploy).
 */
@ApplicationScoped
public class TrainingsConsumer {

    private final IdempotentConsumer consumer;
    private final ModelRegistry registry;

    TrainingsConsumer(IdempotentConsumer consumer, ModelRegistry registry) {
        this.consumer = consumer;
        this.registry = registry;
    }

    @Incoming(Topics.Channels.TRAININGS)
    @ActivateRequestContext
    public Uni<Void> onTrainingEvent(String record) {
        return consumer.consume("deploy-service.trainings", record, List.of(TrainingSucceeded.class), this::apply).replaceWithVoid();
    }

    private Uni<Void> apply(EventEnvelope event) {
        TrainingSucceeded trained = consumer.codec().data(event, TrainingSucceeded.class);
        return registry.register(trained).chain(() -> !trained.deploy() ? Uni.createFrom().voidItem()
                : Panache.getSession().flatMap(s -> s.createNativeQuery("insert into deploy_request (run_id, project_id,"
                                + " model_name, requested_at) values (:run, :project, :model, now()) on conflict do nothing")
                        .setParameter("run", trained.runId()).setParameter("project", trained.projectId())
                        .setParameter("model", trained.modelName()).executeUpdate()).replaceWithVoid());
    }
}
