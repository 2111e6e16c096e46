package org.annotationlab.annotation.completion;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.annotationlab.annotation.completion.CompletionDtos.HistoryEntry;
import org.annotationlab.annotation.completion.CompletionDtos.View;
import org.annotationlab.annotation.project.ProjectLabels;
import org.annotationlab.annotation.task.Task;
import org.annotationlab.annotation.trainingset.TrainingSetTracker;
import org.annotationlab.events.annotation.CompletionSubmitted;
import org.annotationlab.events.outbox.Outbox;
import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.web.problem.ProblemException;
import org.jboss.logging.Logger;

/**
 * A user's own completions: drafts, updates, submission. Annotators work only on the tasks
 * assigned to them and see only their own completions; submitted completions feed the
 * training set, so submitting recounts it.
 */
@ApplicationScoped
public class CompletionService {

    private static final Logger LOG = Logger.getLogger(CompletionService.class);

    private final Outbox outbox;
    private final TrainingSetTracker trainingSet;

    CompletionService(Outbox outbox, TrainingSetTracker trainingSet) {
        this.outbox = outbox;
        this.trainingSet = trainingSet;
    }

    @WithTransaction
    public Uni<View> create(UUID projectId, UUID taskId, String caller, ProjectRole role, CompletionDtos.Write request) {
        return workableTask(projectId, taskId, caller, role)
                .call(task -> validate(task, request.spans()))
                .flatMap(task -> {
                    Completion c = Completion.draft(projectId, task.id, caller, SpanCodec.write(request.spans()));
                    return c.persist().replaceWith(c)
                            .call(saved -> CompletionHistory.of(c.id, "CREATED", caller, request.spans().size() + " spans").persist())
                            .call(saved -> request.submitNow() ? submitted(c, caller) : Uni.createFrom().voidItem());
                })
                .map(CompletionViews::of);
    }

    @WithTransaction
    public Uni<View> update(UUID projectId, UUID completionId, String caller, CompletionDtos.Write request) {
        return own(projectId, completionId, caller).flatMap(c -> Task.inProject(projectId, c.taskId)
                .call(task -> validate(task, request.spans()))
                .flatMap(task -> {
                    c.spans = SpanCodec.write(request.spans());
                    c.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    boolean resubmit = c.submitted;
                    return CompletionHistory.of(c.id, "UPDATED", caller, request.spans().size() + " spans").persist()
                            .chain(() -> resubmit || request.submitNow() ? submitted(c, caller) : Uni.createFrom().voidItem())
                            .map(ignored -> CompletionViews.of(c));
                }));
    }

    @WithTransaction
    public Uni<View> submit(UUID projectId, UUID completionId, String caller) {
        return own(projectId, completionId, caller).call(c -> submitted(c, caller)).map(CompletionViews::of);
    }

    @WithSession
    public Uni<List<View>> ofTask(UUID projectId, UUID taskId, String caller, ProjectRole role) {
        return Task.inProject(projectId, taskId).flatMap(task -> role == ProjectRole.ANNOTATOR
                ? Completion.<Completion>list("taskId = ?1 and author = ?2 order by createdAt", taskId, caller)
                : Completion.<Completion>list("taskId = ?1 order by createdAt", taskId))
                .map(list -> list.stream().map(CompletionViews::of).toList());
    }

    @WithSession
    public Uni<List<HistoryEntry>> history(UUID projectId, UUID completionId, String caller, ProjectRole role) {
        return visible(projectId, completionId, caller, role).flatMap(c -> CompletionHistory
                .<CompletionHistory>list("completionId = ?1 order by id", c.id))
                .map(list -> list.stream().map(h -> new HistoryEntry(h.action, h.actor, h.at, h.detail)).toList());
    }

    private Uni<Void> submitted(Completion c, String caller) {
        c.submitted = true;
        c.submittedAt = OffsetDateTime.now(ZoneOffset.UTC);
        int spans = SpanCodec.read(c.spans).size();
        return CompletionHistory.of(c.id, "SUBMITTED", caller, null).persist()
                .chain(() -> outbox.append(new CompletionSubmitted(c.projectId, c.taskId, c.id, caller, spans)))
                .chain(() -> trainingSet.requestRecount(c.projectId))
                .invoke(() -> LOG.infof("project %s: completion %s of task %s submitted by %s", c.projectId, c.id,
                        c.taskId, caller));
    }

    /** The task, if the caller may annotate it: annotators only their assigned tasks. */
    public static Uni<Task> workableTask(UUID projectId, UUID taskId, String caller, ProjectRole role) {
        return Task.inProject(projectId, taskId).invoke(task -> {
            if (!task.openTo(caller, role)) {
                throw ProblemException.forbidden("task " + taskId + " is not assigned to you");
            }
        });
    }

    public static Uni<Void> validate(Task task, List<Span> spans) {
        return ProjectLabels.of(task.projectId).invoke(labels -> {
            if (labels.isEmpty()) {
                throw ProblemException.conflict("NO_LABELING_CONFIG", "the project has no labeling config yet");
            }
            SpanValidator.validate(task.text, spans, labels);
        }).replaceWithVoid();
    }

    private static Uni<Completion> own(UUID projectId, UUID completionId, String caller) {
        return existing(projectId, completionId).invoke(c -> {
            if (!c.author.equals(caller)) {
                throw ProblemException.forbidden("only its author may change completion " + completionId);
            }
            if (c.reviewStatus != Completion.ReviewStatus.PENDING) {
                throw ProblemException.conflict("ALREADY_REVIEWED", "completion " + completionId + " was "
                        + c.reviewStatus + "; submit a new completion instead");
            }
        });
    }

    private static Uni<Completion> visible(UUID projectId, UUID completionId, String caller, ProjectRole role) {
        return existing(projectId, completionId).invoke(c -> {
            if (role == ProjectRole.ANNOTATOR && !c.author.equals(caller)) {
                throw ProblemException.notFound("completion " + completionId);
            }
        });
    }

    public static Uni<Completion> existing(UUID projectId, UUID completionId) {
        return Completion.<Completion>findById(completionId).map(c -> {
            if (c == null || !c.projectId.equals(projectId)) {
                throw ProblemException.notFound("completion " + completionId);
            }
            return c;
        });
    }
}
