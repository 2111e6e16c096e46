package org.annotationlab.training.events;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.util.UUID;
import org.annotationlab.events.EventEnvelope;
import org.annotationlab.events.Topics;
import org.annotationlab.events.consumer.IdempotentConsumer;
import org.annotationlab.events.preannotation.PreannotationCompleted;
import org.annotationlab.events.preannotation.PreannotationStarted;
import org.annotationlab.training.run.TrainingService;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code lab.preannotations}: pre-annotation runs in progress, which make Train Now wait (a run's
 * start confirms the lease it took; its end releases it and lets active learning go on), applied
 * once per event.
 */
@ApplicationScoped
public class PreannotationsConsumer {

    private final IdempotentConsumer consumer;
    private final TrainingService service;

    PreannotationsConsumer(IdempotentConsumer consumer, TrainingService service) {
        this.consumer = consumer;
        this.service = service;
    }

    @Incoming(Topics.Channels.PREANNOTATIONS)
    @ActivateRequestContext
    public Uni<Void> onPreannotationEvent(String record) {
        return consumer.consume("training-service.preannotations", record, this::apply).replaceWithVoid();
    }

    private Uni<Void> apply(EventEnvelope event) {
        if (event.is(PreannotationStarted.class)) {
            PreannotationStarted started = consumer.codec().data(event, PreannotationStarted.class);
            return execute("insert into preannotation_in_progress (project_id, run_id) values (:p, :r) "
                    + "on conflict (project_id, run_id) do update set confirmed = true",
                    started.projectId(), started.runId());
        }
        if (event.is(PreannotationCompleted.class)) {
            PreannotationCompleted completed = consumer.codec().data(event, PreannotationCompleted.class);
            return execute("delete from preannotation_in_progress where project_id = :p and run_id = :r",
                    completed.projectId(), completed.runId())
                    .chain(() -> service.considerActiveLearning(completed.projectId()));
        }
        return Uni.createFrom().voidItem();
    }

    private static Uni<Void> execute(String sql, UUID projectId, UUID runId) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(sql).setParameter("p", projectId)
                .setParameter("r", runId).executeUpdate()).replaceWithVoid();
    }
}
