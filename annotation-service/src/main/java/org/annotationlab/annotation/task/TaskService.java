package org.annotationlab.annotation.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.annotationlab.annotation.task.TaskDtos.View;
import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.web.problem.ProblemException;
import org.annotationlab.web.paging.Page;
import org.annotationlab.web.paging.PageRequest;

/** Reading, filtering, tagging and assigning a project's tasks. */
@ApplicationScoped
public class TaskService {

    private final ObjectMapper json;

    TaskService(ObjectMapper json) {
        this.json = json;
    }

    @WithSession
    public Uni<Page<View>> list(UUID projectId, TaskFilter filter, String caller, ProjectRole role, PageRequest request) {
        int page = request.page();
        int size = request.size();
        TaskFilter effective = role == ProjectRole.ANNOTATOR ? filter.assignedTo(caller) : filter;
        TaskFilter.Query query = effective.toQuery(projectId);
        return Task.count(query.where(), query.parameters()).flatMap(total -> Task
                .<Task>find(query.where() + request.orderBy(), query.parameters()).page(page, size).list()
                .flatMap(this::views)
                .map(tasks -> new Page<>(tasks, page, size, total)));
    }

    @WithSession
    public Uni<View> get(UUID projectId, UUID taskId, String caller, ProjectRole role) {
        return Task.inProject(projectId, taskId).invoke(task -> {
            if (!task.openTo(caller, role)) {
                throw ProblemException.notFound("task " + taskId);
            }
        }).flatMap(task -> views(List.of(task))).map(list -> list.get(0));
    }

    @WithTransaction
    public Uni<Integer> tag(UUID projectId, TaskDtos.Tagging request) {
        List<String> add = request.add() == null ? List.of() : request.add();
        List<String> remove = request.remove() == null ? List.of() : request.remove();
        return requireAllInProject(projectId, request.taskIds())
                .chain(() -> remove.isEmpty() ? Uni.createFrom().item(0L)
                        : TaskTag.delete("key.taskId in ?1 and key.tag in ?2", request.taskIds(), remove))
                .chain(() -> TaskTag.<TaskTag>list("key.taskId in ?1", request.taskIds()))
                .flatMap(existing -> {
                    var present = existing.stream().map(t -> t.key).collect(Collectors.toSet());
                    List<TaskTag> added = new ArrayList<>();
                    for (UUID taskId : request.taskIds()) {
                        for (String tag : add) {
                            TaskTag.Key key = new TaskTag.Key(taskId, tag);
                            if (present.add(key)) {
                                TaskTag row = new TaskTag();
                                row.key = key;
                                added.add(row);
                            }
                        }
                    }
                    // Panache refuses to persist an empty list (remove only, or tags already there).
                    return (added.isEmpty() ? Uni.createFrom().voidItem() : TaskTag.persist(added))
                            .replaceWith(request.taskIds().size());
                });
    }

    @WithTransaction
    public Uni<Integer> assign(UUID projectId, TaskDtos.Assignment request) {
        return requireAllInProject(projectId, request.taskIds())
                .chain(() -> Task.<Task>list("id in ?1", request.taskIds()))
                .invoke(tasks -> tasks.forEach(task -> {
                    if (request.assignee() != null) {
                        task.assignee = request.assignee().isBlank() ? null : request.assignee();
                    }
                    if (request.reviewer() != null) {
                        task.reviewer = request.reviewer().isBlank() ? null : request.reviewer();
                    }
                }))
                .map(List::size);
    }

    @WithSession
    public Uni<TaskDtos.Counts> counts(UUID projectId) {
        String has = " and exists (select 1 from Completion c where c.taskId = t.id";
        String base = "select count(t) from Task t where t.projectId = ?1";
        return Multi.createFrom().items(base, base + has + ")", base + has + " and c.submitted = true)",
                        base + has + " and c.reviewStatus = 'ACCEPTED')", base + has + " and c.reviewStatus = 'REJECTED')")
                .onItem().transformToUniAndConcatenate(hql -> Task.find(hql, projectId).project(Long.class).<Long>firstResult())
                .collect().asList()
                .flatMap(n -> tagCounts(projectId).map(byTag ->
                        new TaskDtos.Counts(n.get(0), n.get(1), n.get(2), n.get(3), n.get(4), byTag)));
    }

    private static Uni<Map<String, Long>> tagCounts(UUID projectId) {
        return TaskTag.find("select tt.key.tag, count(tt) from TaskTag tt, Task t where t.id = tt.key.taskId"
                        + " and t.projectId = ?1 group by tt.key.tag", projectId)
                .project(Object[].class).list()
                .map(rows -> {
                    Map<String, Long> byTag = new TreeMap<>();
                    rows.forEach(r -> byTag.put((String) r[0], (Long) r[1]));
                    return byTag;
                });
    }

    private static Uni<Void> requireAllInProject(UUID projectId, List<UUID> taskIds) {
        return Task.count("id in ?1 and projectId = ?2", taskIds, projectId).invoke(found -> {
            if (found != taskIds.stream().distinct().count()) {
                throw ProblemException.invalid("taskIds", (taskIds.size() - found) + " of the tasks are not in this project");
            }
        }).replaceWithVoid();
    }

    private Uni<List<View>> views(List<Task> tasks) {
        if (tasks.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> ids = tasks.stream().map(t -> t.id).toList();
        return TaskTag.<TaskTag>list("key.taskId in ?1 order by key.tag", ids).map(tags -> {
            Map<UUID, List<String>> byTask = new HashMap<>();
            tags.forEach(t -> byTask.computeIfAbsent(t.key.taskId(), k -> new ArrayList<>()).add(t.key.tag()));
            Map<UUID, View> views = new LinkedHashMap<>();
            for (Task t : tasks) {
                views.put(t.id, new View(t.id, t.text, meta(t.meta), byTask.getOrDefault(t.id, List.of()), t.assignee,
                        t.reviewer, t.createdAt));
            }
            return List.copyOf(views.values());
        });
    }

    private JsonNode meta(String stored) {
        try {
            return stored == null ? null : json.readTree(stored);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }
}
