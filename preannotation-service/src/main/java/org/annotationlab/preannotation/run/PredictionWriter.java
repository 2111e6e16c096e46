package org.annotationlab.preannotation.run;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.events.deployment.DeploymentStarted.DeployedModel;
import org.annotationlab.preannotation.client.AnnotationClient;
import org.annotationlab.preannotation.client.ModelServerClient;
import org.annotationlab.web.Blocking;

/**
 * Writes a predicted batch to annotation-service, one write per model (its version named, so a
 * re-run replaces that version's predictions; spans kept only for the labels the deployment says
 * the model predicts), and records each task's outcome — DONE, or FAILED with its error — with the
 * run's counts in one transaction, which also reads the run's state (a cancel).
 */
@ApplicationScoped
class PredictionWriter {

    private final AnnotationClient annotations;

    PredictionWriter(AnnotationClient annotations) {
        this.annotations = annotations;
    }

    /** Stores the batch's predictions and records its outcome; the run as it is now. */
    PreannotationRun store(PreannotationRun run, List<DeployedModel> models, List<TaskRow> batch,
            BatchPredictor.Predicted outcome) {
        Map<Integer, String> errors = new LinkedHashMap<>(outcome.errors());
        for (DeployedModel model : models) {
            List<AnnotationClient.TaskPrediction> predictions = new ArrayList<>();
            List<Integer> covered = new ArrayList<>();
            outcome.results().forEach((i, result) -> {
                if (!errors.containsKey(i)) {
                    predictions.add(prediction(model, batch.get(i), result));
                    covered.add(i);
                }
            });
            if (predictions.isEmpty()) {
                continue;
            }
            try {
                annotations.store(run.projectId, new AnnotationClient.PredictionBatch(model.name(), model.version(), predictions));
            } catch (IOException e) {
                covered.forEach(i -> errors.put(i, "storing the predictions of " + model.name() + " failed: " + e.getMessage()));
            }
        }
        return record(run.id, batch, errors);
    }

    /** The model's spans for one task (its labels only), their mean confidence and the model's uncertainty about the text. */
    private static AnnotationClient.TaskPrediction prediction(DeployedModel model, TaskRow task, ModelServerClient.TextSpans result) {
        List<AnnotationClient.Span> spans = new ArrayList<>();
        double confidence = 0;
        List<ModelServerClient.PredictedSpan> found = result.spans() == null ? List.of() : result.spans();
        for (ModelServerClient.PredictedSpan span : found) {
            if (model.name().equals(span.model()) && model.labels().contains(span.label())) {
                spans.add(new AnnotationClient.Span(span.start(), span.end(), span.label()));
                confidence += span.confidence();
            }
        }
        ModelServerClient.Uncertainty uncertainty = result.uncertainty() == null ? null : result.uncertainty().get(model.name());
        return new AnnotationClient.TaskPrediction(task.taskId(), spans, spans.isEmpty() ? null : confidence / spans.size(),
                uncertainty);
    }

    private static PreannotationRun record(UUID runId, List<TaskRow> batch, Map<Integer, String> errors) {
        List<Integer> done = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (!errors.containsKey(i)) {
                done.add(batch.get(i).seq());
            }
        }
        return Blocking.await(() -> Panache.withTransaction(() -> {
            Uni<Void> chain = done.isEmpty() ? Uni.createFrom().voidItem()
                    : Panache.getSession().flatMap(s -> s.createNativeQuery(
                                    "update preannotation_task set state = 'DONE' where run_id = :r and seq in (:seqs)")
                            .setParameter("r", runId).setParameter("seqs", done).executeUpdate()).replaceWithVoid();
            for (Map.Entry<Integer, String> failure : errors.entrySet()) {
                int seq = batch.get(failure.getKey()).seq();
                chain = chain.chain(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                                "update preannotation_task set state = 'FAILED', error = :e where run_id = :r and seq = :s")
                        .setParameter("e", failure.getValue()).setParameter("r", runId).setParameter("s", seq)
                        .executeUpdate())).replaceWithVoid();
            }
            return chain.chain(() -> PreannotationRun.locked(runId)).invoke(r -> {
                r.failed += errors.size();
                r.done += done.size();
            });
        }));
    }
}
