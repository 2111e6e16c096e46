package org.annotationlab.annotation.prediction;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.annotationlab.annotation.completion.Completion;
import org.annotationlab.annotation.completion.CompletionDtos;
import org.annotationlab.annotation.completion.CompletionHistory;
import org.annotationlab.annotation.completion.CompletionService;
import org.annotationlab.annotation.completion.CompletionViews;
import org.annotationlab.annotation.span.Span;
import org.annotationlab.annotation.span.SpanCodec;
import org.annotationlab.annotation.span.SpanValidator;
import org.annotationlab.annotation.project.ProjectLabels;
import org.annotationlab.annotation.task.Task;
import org.annotationlab.events.annotation.PredictionsStored;
import org.annotationlab.events.outbox.Outbox;
import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.web.membership.ProjectOwner;
import org.annotationlab.web.problem.Problem;
import org.annotationlab.web.problem.ProblemException;
import org.jboss.logging.Logger;

/**
 * Predictions (pre-annotations) beside the completions, each naming its model and version.
 * Storing a model version's predictions for a task again replaces them, so a re-run never
 * duplicates. A user turns a prediction into their own draft completion to correct it.
 */
@ApplicationScoped
public class PredictionService {

    private static final Logger LOG = Logger.getLogger(PredictionService.class);

    /** Of the prediction just stored for task {@code t}: ?1 model, ?2 version. */
    private static final String STORED = " from Prediction p where p.taskId = t.id and p.modelName = ?1"
            + " and p.modelVersion = ?2)";
    /**
     * Each task of a batch (?3) takes the score and measures of its prediction just stored, the
     * newest: the task list sorts and filters by them, the next-task order reads them. One
     * statement for the batch.
     */
    private static final String TASK_MEASURES = "update Task t set t.predictionScore = (select p.score" + STORED
            + ", t.leastConfidence = (select p.leastConfidence" + STORED
            + ", t.mnlp = (select p.mnlp" + STORED
            + ", t.entropy = (select p.entropy" + STORED
            + " where t.id in ?3";

    private final Outbox outbox;
    private final ProjectOwner owner;

    PredictionService(Outbox outbox, ProjectOwner owner) {
        this.outbox = outbox;
        this.owner = owner;
    }

    @WithTransaction
    public Uni<Integer> store(UUID projectId, PredictionDtos.Batch batch) {
        List<UUID> taskIds = batch.predictions().stream().map(PredictionDtos.TaskPrediction::taskId).distinct().toList();
        return Task.<Task>list("id in ?1 and projectId = ?2", taskIds, projectId)
                .flatMap(tasks -> {
                    if (tasks.size() != taskIds.size()) {
                        throw ProblemException.invalid("predictions", (taskIds.size() - tasks.size())
                                + " task(s) are not in this project");
                    }
                    Map<UUID, Task> byId = tasks.stream().collect(Collectors.toMap(t -> t.id, Function.identity()));
                    return labels(projectId, batch).invoke(labels -> {
                        List<Problem.FieldError> errors = new ArrayList<>();
                        for (int i = 0; i < batch.predictions().size(); i++) {
                            PredictionDtos.TaskPrediction p = batch.predictions().get(i);
                            errors.addAll(SpanValidator.errors(byId.get(p.taskId()).text, p.spans(), labels,
                                    "predictions[" + i + "].spans"));
                        }
                        SpanValidator.fail(errors);
                    });
                })
                .chain(() -> Prediction.delete("taskId in ?1 and modelName = ?2 and modelVersion = ?3", taskIds,
                        batch.model(), batch.modelVersion()))
                .chain(() -> Prediction.persist(batch.predictions().stream().map(p -> row(projectId, batch, p)).toList()))
                .chain(() -> Panache.getSession().chain(session -> session.flush()))
                .chain(() -> Task.update(TASK_MEASURES, batch.model(), batch.modelVersion(), taskIds))
                .chain(() -> outbox.append(new PredictionsStored(projectId, batch.model(), batch.modelVersion(), taskIds.size())))
                .invoke(() -> LOG.infof("project %s: predictions of %s %s stored for %d tasks", projectId, batch.model(),
                        batch.modelVersion(), taskIds.size()))
                .replaceWith(taskIds.size());
    }

    /**
     * The labels the spans are checked against (DESIGN.md §9): the event-fed view's when it holds
     * every label the batch uses, else project-service's as saved now (a label added a moment
     * ago), the view's again when project-service cannot be asked.
     */
    private Uni<Set<String>> labels(UUID projectId, PredictionDtos.Batch batch) {
        return ProjectLabels.of(projectId).chain(view -> batch.predictions().stream()
                .flatMap(p -> p.spans().stream()).allMatch(span -> view.contains(span.label()))
                        ? Uni.createFrom().item(view)
                        : owner.labelsAsync(projectId).map(saved -> saved != null ? saved : view));
    }

    @WithSession
    public Uni<List<PredictionDtos.View>> ofTask(UUID projectId, UUID taskId, String caller, ProjectRole role) {
        return CompletionService.workableTask(projectId, taskId, caller, role)
                .chain(() -> Prediction.<Prediction>list("taskId = ?1 order by createdAt desc", taskId))
                .map(list -> list.stream().map(PredictionService::view).toList());
    }

    /** A draft completion of the caller, holding the prediction's spans. */
    @WithTransaction
    public Uni<CompletionDtos.View> toDraft(UUID projectId, UUID predictionId, String caller, ProjectRole role) {
        return Prediction.<Prediction>findById(predictionId).flatMap(p -> {
            if (p == null || !p.projectId.equals(projectId)) {
                throw ProblemException.notFound("prediction " + predictionId);
            }
            return CompletionService.workableTask(projectId, p.taskId, caller, role).flatMap(task -> {
                List<Span> spans = SpanCodec.read(p.spans).stream().map(s -> Span.of(s.start(), s.end(), s.label())).toList();
                Completion c = Completion.draft(projectId, p.taskId, caller, SpanCodec.write(spans));
                c.fromPrediction = p.id;
                return c.persist()
                        .chain(() -> CompletionHistory.of(c.id, "CREATED", caller,
                                "from prediction of " + p.modelName + " " + p.modelVersion).persist())
                        .map(ignored -> CompletionViews.of(c));
            });
        });
    }

    private static Prediction row(UUID projectId, PredictionDtos.Batch batch, PredictionDtos.TaskPrediction p) {
        Prediction row = new Prediction();
        row.id = UUID.randomUUID();
        row.taskId = p.taskId();
        row.projectId = projectId;
        row.modelName = batch.model();
        row.modelVersion = batch.modelVersion();
        row.spans = SpanCodec.write(p.spans());
        row.score = p.score();
        if (p.uncertainty() != null) {
            row.leastConfidence = p.uncertainty().leastConfidence();
            row.mnlp = p.uncertainty().mnlp();
            row.entropy = p.uncertainty().entropy();
        }
        row.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return row;
    }

    private static PredictionDtos.View view(Prediction p) {
        return new PredictionDtos.View(p.id, p.taskId, p.modelName, p.modelVersion, SpanCodec.read(p.spans), p.score,
                PredictionDtos.Uncertainty.of(p.leastConfidence, p.mnlp, p.entropy),
                p.createdAt);
    }
}
