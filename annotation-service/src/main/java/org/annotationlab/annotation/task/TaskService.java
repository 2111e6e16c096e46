package org.annotationlab.annotation.task;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.annotationlab.annotation.task.TaskDtos.View;
import org.annotationlab.annotation.trainingset.TrainingSetTracker;
import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.web.problem.ProblemException;
import org.annotationlab.web.paging.Page;
import org.annotationlab.web.paging.PageRequest;

/** Reading, filtering, counting, tagging and assigning a project's tasks. */
@ApplicationScoped
public class TaskService {

    private final TaskViews views;
    private final TrainingSetTracker trainingSet;

    TaskService(TaskViews views, TrainingSetTracker trainingSet) {
        this.views = views;
        this.trainingSet = trainingSet;
    }

    @WithSession
    public Uni<Page<View>> list(UUID projectId, TaskFilter filter, String caller, ProjectRole role, PageRequest request) {
        int page = request.page();
        int size = request.size();
        TaskFilter effective = role == ProjectRole.ANNOTATOR ? filter.assignedTo(caller) : filter;
        TaskFilter.Query query = effective.toQuery(projectId);
        return Task.count(query.from(), query.parameters()).flatMap(total -> Task
                .<Task>find(query.from() + request.orderBy(), query.parameters()).page(page, size).list()
                .flatMap(views::of)
                .map(tasks -> new Page<>(tasks, page, size, total)));
    }

    /**
     * The caller's next task by the project's {@link TaskOrder}, among the tasks they may take
     * (Annotators: assigned to them) with no submitted completion, other than {@code current}. The
     * tasks in {@code skip} (opened already) are offered only when nothing else is left.
     */
    @WithSession
    public Uni<TaskDtos.NextTask> next(UUID projectId, String caller, ProjectRole role, UUID current, List<UUID> skip) {
        TaskFilter.Query open = TaskFilter.unannotated(projectId);
        if (role == ProjectRole.ANNOTATOR) {
            open = open.and("t.assignee =", caller);
        }
        if (current != null) {
            open = open.and("t.id <>", current);
        }
        TaskFilter.Query candidates = open;
        return TaskOrderSetting.of(projectId).flatMap(setting -> {
            String order = setting.order().orderBy();
            TaskFilter.Query unopened = skip.isEmpty() ? null : candidates.and("t.id not in", skip);
            Uni<Task> pick = unopened == null ? Uni.createFrom().nullItem()
                    : Task.<Task>find(unopened.from() + order, unopened.parameters()).firstResult();
            return pick
                    .chain(task -> task != null ? Uni.createFrom().item(task)
                            : Task.<Task>find(candidates.from() + order, candidates.parameters()).firstResult())
                    .chain(task -> task == null ? Uni.createFrom().<View>nullItem()
                            : views.of(List.of(task)).map(list -> list.get(0)))
                    .chain(view -> Task.count(candidates.from(), candidates.parameters()).map(left -> new TaskDtos.NextTask(
                            view, left, setting.strategy,
                            TaskOrderSetting.UNCERTAINTY.equals(setting.strategy) ? setting.measure : null)));
        });
    }

    @WithSession
    public Uni<View> get(UUID projectId, UUID taskId, String caller, ProjectRole role) {
        return Task.inProject(projectId, taskId).invoke(task -> {
            if (!task.openTo(caller, role)) {
                throw ProblemException.notFound("task " + taskId);
            }
        }).flatMap(task -> views.of(List.of(task))).map(list -> list.get(0));
    }

    /**
     * Adds and removes tags on the request's tasks with one statement per added tag and one for
     * all removed ones, set-based over the matching tasks (none is loaded); the number of tasks.
     * The training set's size is recounted: adding or removing the test tag changes it.
     */
    @WithTransaction
    public Uni<Integer> tag(UUID projectId, TaskDtos.Tagging request) {
        List<String> add = request.add() == null ? List.of() : List.copyOf(new LinkedHashSet<>(request.add()));
        // A tag both added and removed ends present, as if removing came first.
        List<String> remove = request.remove() == null ? List.of()
                : request.remove().stream().filter(tag -> !add.contains(tag)).distinct().toList();
        return target(projectId, request).flatMap(tasks -> Task.count(tasks.from(), tasks.parameters())
                // Adding first: it cannot change which tasks match (a task gains tags only if it matches),
                // while removing a filter's tag would.
                .call(() -> addTags(tasks, add))
                .call(() -> removeTags(tasks, remove))
                .call(() -> trainingSet.requestRecount(projectId))
                .map(Long::intValue));
    }

    private static Uni<Void> addTags(TaskFilter.Query tasks, List<String> add) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String tag : add) {
            TaskFilter.Query query = tasks.with(tag);
            String hql = "insert into TaskTag (key.taskId, key.tag) select t.id, ?" + query.parameters().length
                    + " " + query.from() + " on conflict do nothing";
            chain = chain.call(() -> execute(hql, query));
        }
        return chain;
    }

    private static Uni<Void> removeTags(TaskFilter.Query tasks, List<String> remove) {
        if (remove.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        TaskFilter.Query query = tasks.with(remove);
        return execute("delete from TaskTag gone where gone.key.tag in ?" + query.parameters().length
                + " and gone.key.taskId in (select t.id " + query.from() + ")", query).replaceWithVoid();
    }

    /**
     * Sets the assignee and/or reviewer of the request's tasks in one statement, set-based over the
     * matching tasks; the number of tasks. Assignments do not change the training set.
     */
    @WithTransaction
    public Uni<Integer> assign(UUID projectId, TaskDtos.Assignment request) {
        return target(projectId, request).flatMap(tasks -> {
            List<String> set = new ArrayList<>();
            TaskFilter.Query query = tasks;
            if (request.assignee() != null) {
                query = query.with(request.assignee().isBlank() ? null : request.assignee());
                set.add("t.assignee = ?" + query.parameters().length);
            }
            if (request.reviewer() != null) {
                query = query.with(request.reviewer().isBlank() ? null : request.reviewer());
                set.add("t.reviewer = ?" + query.parameters().length);
            }
            if (set.isEmpty()) {
                return Task.count(tasks.from(), tasks.parameters()).map(Long::intValue);
            }
            return execute("update Task t set " + String.join(", ", set) + " where " + query.condition(), query);
        });
    }

    /** The tasks a bulk request names: its ids (all in the project, else 422) or its filter, exactly one. */
    private static Uni<TaskFilter.Query> target(UUID projectId, TaskDtos.Bulk request) {
        return Uni.createFrom().deferred(() -> {
            if ((request.taskIds() == null) == (request.filter() == null)) {
                throw ProblemException.invalid("taskIds", request.taskIds() == null
                        ? "give the tasks' ids, or a filter for all tasks matching it"
                        : "give either taskIds or a filter, not both");
            }
            if (request.filter() != null) {
                return Uni.createFrom().item(request.filter().toQuery(projectId, "filter."));
            }
            return requireAllInProject(projectId, request.taskIds())
                    .replaceWith(TaskFilter.ids(projectId, request.taskIds()));
        });
    }

    private static Uni<Integer> execute(String hql, TaskFilter.Query query) {
        return Panache.getSession().flatMap(session -> {
            var mutation = session.createMutationQuery(hql);
            for (int i = 0; i < query.parameters().length; i++) {
                mutation.setParameter(i + 1, query.parameters()[i]);
            }
            return mutation.executeUpdate();
        });
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
}
