package org.annotationlab.preannotation.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.annotationlab.preannotation.client.AnnotationClient;
import org.annotationlab.preannotation.client.AnnotationClient.Task;
import org.annotationlab.preannotation.client.AnnotationClient.TaskFilter;
import org.annotationlab.preannotation.config.PreannotationConfig;
import org.annotationlab.web.Blocking;

/**
 * Resolves the tasks a run covers — the asked-for ids (with the run's tag, if any), or every task
 * that matches the run's filter (tag, completion, assignee, reviewer, predictions; none: every task),
 * at most {@code max-tasks} — from annotation-service's listing, and writes them as the run's task
 * rows, each with a copy of its text (asked-for ids that are not found: FAILED rows).
 */
@ApplicationScoped
class TaskSelection {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Rows per insert statement. */
    private static final int INSERT_CHUNK = 500;

    private final PreannotationConfig config;
    private final AnnotationClient annotations;

    TaskSelection(PreannotationConfig config, AnnotationClient annotations) {
        this.config = config;
        this.annotations = annotations;
    }

    /** The tasks a run covers: those found, in order, and the asked-for ids that are not (with why). */
    record Selection(List<Task> chosen, Map<UUID, String> unknown) {
    }

    /**
     * Resolves the run's tasks; {@code listed} sees the project's tasks listed so far, page by
     * page. Throws when annotation-service cannot list them.
     */
    Selection select(PreannotationRun run, Consumer<List<Task>> listed) throws IOException {
        List<Task> tasks = list(run.projectId, run.filter(), listed);
        List<Task> chosen = new ArrayList<>();
        Map<UUID, String> unknown = new LinkedHashMap<>();
        if (run.taskIds == null) {
            chosen.addAll(tasks.subList(0, Math.min(tasks.size(), config.maxTasks())));
        } else {
            Map<UUID, Task> byId = new HashMap<>();
            tasks.forEach(t -> byId.put(t.id(), t));
            for (UUID id : readIds(run.taskIds)) {
                Task task = byId.get(id);
                if (task != null) {
                    chosen.add(task);
                } else {
                    unknown.put(id, "no such task in the project" + (run.tag == null ? "" : " with tag " + run.tag));
                }
            }
        }
        return new Selection(chosen, unknown);
    }

    /** The project's tasks that match {@code filter}, in annotation-service's order, up to {@code max-tasks}. */
    private List<Task> list(UUID projectId, TaskFilter filter, Consumer<List<Task>> listed) throws IOException {
        List<Task> tasks = new ArrayList<>();
        for (int page = 0; ; page++) {
            List<Task> rows = annotations.tasks(projectId, filter, page);
            tasks.addAll(rows);
            listed.accept(tasks);
            if (rows.size() < AnnotationClient.PAGE_SIZE || tasks.size() >= config.maxTasks()) {
                return tasks;
            }
        }
    }

    /** The first write batch of a run's tasks in listing order, as task rows. */
    List<TaskRow> firstBatch(List<Task> tasks) {
        int size = Math.min(config.writeBatchSize(), Math.min(tasks.size(), config.maxTasks()));
        List<TaskRow> rows = new ArrayList<>(size);
        for (int seq = 0; seq < size; seq++) {
            rows.add(new TaskRow(seq, tasks.get(seq).id(), tasks.get(seq).text()));
        }
        return rows;
    }

    /** Writes the selection as the run's task rows (the unknown ones FAILED); the run as it is then. */
    PreannotationRun write(UUID runId, Selection selection) {
        return Blocking.await(() -> Panache.withTransaction(() -> insert(runId, selection.chosen(), selection.unknown())
                .chain(() -> PreannotationRun.locked(runId)).invoke(r -> {
                    r.selected = true;
                    r.total = selection.chosen().size() + selection.unknown().size();
                    r.failed = selection.unknown().size();
                })));
    }

    private static Uni<Void> insert(UUID runId, List<Task> tasks, Map<UUID, String> unknown) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        int seq = 0;
        for (int from = 0; from < tasks.size(); from += INSERT_CHUNK) {
            List<Task> chunk = tasks.subList(from, Math.min(tasks.size(), from + INSERT_CHUNK));
            StringBuilder sql = new StringBuilder("insert into preannotation_task (run_id, seq, task_id, text) values ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(:r, ").append(seq + i).append(", :t").append(i).append(", :x").append(i).append(')');
            }
            seq += chunk.size();
            chain = chain.chain(() -> Panache.getSession().flatMap(s -> {
                var query = s.createNativeQuery(sql.toString()).setParameter("r", runId);
                for (int i = 0; i < chunk.size(); i++) {
                    query.setParameter("t" + i, chunk.get(i).id()).setParameter("x" + i, chunk.get(i).text());
                }
                return query.executeUpdate();
            })).replaceWithVoid();
        }
        for (Map.Entry<UUID, String> entry : unknown.entrySet()) {
            int at = seq++;
            chain = chain.chain(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("insert into preannotation_task"
                            + " (run_id, seq, task_id, text, state, error) values (:r, :s, :t, '', 'FAILED', :e)")
                    .setParameter("r", runId).setParameter("s", at).setParameter("t", entry.getKey())
                    .setParameter("e", entry.getValue()).executeUpdate())).replaceWithVoid();
        }
        return chain;
    }

    private static List<UUID> readIds(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<UUID>>() { });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
