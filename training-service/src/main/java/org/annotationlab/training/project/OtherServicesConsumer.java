package org.annotationlab.training.project;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.util.List;
import org.annotationlab.events.EventEnvelope;
import org.annotationlab.events.annotation.TrainingSetChanged;
import org.annotationlab.events.consumer.IdempotentConsumer;
import org.annotationlab.events.preannotation.PreannotationCompleted;
import org.annotationlab.events.preannotation.PreannotationStarted;
import org.annotationlab.training.run.TrainingRequests;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The facts training-service follows from other services, each applied once: the selected
 * training-set size ({@code lab.annotations}), which drives active learning, and pre-annotation
 * runs in progress ({@code lab.preannotations}), which make Train Now wait.
 */
@ApplicationScoped
public class OtherServicesConsumer {

    private final IdempotentConsumer consumer;
    private final TrainingRequests requests;

    OtherServicesConsumer(IdempotentConsumer consumer, TrainingRequests requests) {
        this.consumer = consumer;
        this.requests = requests;
    }

    @Incoming("lab-annotations")
    @ActivateRequestContext
    public Uni<Void> onAnnotationEvent(String record) {
        return consumer.consume("training-service.annotations", record, List.of(TrainingSetChanged.class), this::onAnnotation).replaceWithVoid();
    }

    @Incoming("lab-preannotations")
    @ActivateRequestContext
    public Uni<Void> onPreannotationEvent(String record) {
        return consumer.consume("training-service.preannotations", record, this::onPreannotation).replaceWithVoid();
    }

    private Uni<Void> onAnnotation(EventEnvelope event) {
        TrainingSetChanged changed = consumer.codec().data(event, TrainingSetChanged.class);
        return ProjectTraining.lock(changed.projectId()).invoke(p -> p.selectedCount = changed.selectedCount())
                .chain(() -> requests.considerActiveLearning(changed.projectId()));
    }

    private Uni<Void> onPreannotation(EventEnvelope event) {
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
                    .chain(() -> requests.considerActiveLearning(completed.projectId()));
        }
        return Uni.createFrom().voidItem();
    }

    private static Uni<Void> execute(String sql, java.util.UUID projectId, java.util.UUID runId) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(sql).setParameter("p", projectId)
                .setParameter("r", runId).executeUpdate()).replaceWithVoid();
    }
}
