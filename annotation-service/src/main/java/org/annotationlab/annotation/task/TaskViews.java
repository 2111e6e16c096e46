package org.annotationlab.annotation.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import org.annotationlab.annotation.completion.Completion.ReviewStatus;
import org.annotationlab.annotation.prediction.PredictionDtos;
import org.annotationlab.annotation.task.TaskDtos.PredictionSummary;
import org.annotationlab.annotation.task.TaskDtos.View;

/**
 * Tasks as the API shows them, with their tags, completion state, annotators and predictions: three
 * queries for a page, whatever its size (one per kind, over the page's task ids), run in the
 * caller's session.
 */
@ApplicationScoped
class TaskViews {

    private static final String TAGS = "select tt.key.taskId, tt.key.tag from TaskTag tt where tt.key.taskId in ?1";
    /** One row per task, author and completion state: few, however many completions there are. */
    private static final String COMPLETIONS = "select c.taskId, c.author, c.submitted, c.reviewStatus from Completion c"
            + " where c.taskId in ?1 group by c.taskId, c.author, c.submitted, c.reviewStatus";
    private static final String PREDICTIONS = "select p.taskId, p.modelName, p.modelVersion, p.score"
            + " from Prediction p where p.taskId in ?1";
    private static final Comparator<PredictionSummary> BY_MODEL_THEN_VERSION = Comparator
            .comparing(PredictionSummary::model).thenComparing(PredictionSummary::modelVersion);

    private final ObjectMapper json;

    TaskViews(ObjectMapper json) {
        this.json = json;
    }

    /** What is known of each task in one place, filled by the three queries. */
    private static final class Facts {
        final SortedSet<String> tags = new TreeSet<>();
        final SortedSet<String> annotators = new TreeSet<>();
        final List<PredictionSummary> predictions = new ArrayList<>();
        TaskState state = TaskState.NONE;
    }

    /** The tasks' views, in the tasks' order. */
    Uni<List<View>> of(List<Task> tasks) {
        if (tasks.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> ids = tasks.stream().map(t -> t.id).toList();
        Map<UUID, Facts> facts = new HashMap<>();
        ids.forEach(id -> facts.put(id, new Facts()));
        return rows(TAGS, ids)
                .invoke(rows -> rows.forEach(r -> facts.get((UUID) r[0]).tags.add((String) r[1])))
                .chain(() -> rows(COMPLETIONS, ids))
                .invoke(rows -> rows.forEach(r -> {
                    Facts task = facts.get((UUID) r[0]);
                    task.annotators.add((String) r[1]);
                    task.state = task.state.and(TaskState.of((Boolean) r[2], (ReviewStatus) r[3]));
                }))
                .chain(() -> rows(PREDICTIONS, ids))
                .invoke(rows -> rows.forEach(r -> facts.get((UUID) r[0]).predictions
                        .add(new PredictionSummary((String) r[1], (String) r[2], (Double) r[3]))))
                .map(ignored -> tasks.stream().map(t -> view(t, facts.get(t.id))).toList());
    }

    private static Uni<List<Object[]>> rows(String hql, List<UUID> ids) {
        return Task.find(hql, ids).project(Object[].class).list();
    }

    private View view(Task task, Facts facts) {
        facts.predictions.sort(BY_MODEL_THEN_VERSION);
        return new View(task.id, task.text, meta(task.meta), List.copyOf(facts.tags), task.assignee, task.reviewer,
                task.createdAt, facts.state.value(), List.copyOf(facts.annotators), List.copyOf(facts.predictions),
                task.predictionScore,
                PredictionDtos.Uncertainty.of(task.leastConfidence, task.mnlp, task.entropy));
    }

    private JsonNode meta(String stored) {
        try {
            return stored == null ? null : json.readTree(stored);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
