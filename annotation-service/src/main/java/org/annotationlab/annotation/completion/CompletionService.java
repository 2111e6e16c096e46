package org.annotationlab.annotation.completion;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.annotationlab.annotation.completion.CompletionDtos.HistoryEntry;
import org.annotationlab.annotation.completion.CompletionDtos.View;
import org.annotationlab.annotation.project.ProjectLabels;
import org.annotationlab.annotation.span.Span;
import org.annotationlab.annotation.span.SpanCodec;
import org.annotationlab.annotation.span.SpanValidator;
import org.annotationlab.annotation.task.Task;
import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.web.idempotency.Idempotent;
import org.annotationlab.web.membership.MembershipView;
import org.annotationlab.web.membership.ProjectOwner;
import org.annotationlab.web.problem.ProblemException;
import org.annotationlab.web.security.ProjectAuthorizer;
import org.annotationlab.web.security.ProjectPermission;

/**
 * A user's own completions: drafts, updates, submission. Annotators work only on the tasks
 * assigned to them and see only their own completions: once a task is assigned to someone else,
 * its former annotator can neither change nor read their completions of it. Submitted completions
 * feed the training set, so submitting recounts it.
 */
@ApplicationScoped
public class CompletionService {

    private static final String FOREIGN_KEY_VIOLATION = "23503";
    /**
     * Always one row: the caller's role, the task ($3) if it is in the project ($1), the project's
     * labels. The role comes from platform-web's membership view, the MembershipLookup this
     * service runs with ({@code lab.membership-view.enabled=true}), joined here to save a round trip.
     */
    private static final String ROLE_TASK_AND_LABELS = "select m.role, t.text, t.assignee, l.labels from (select 1) one"
            + " left join " + MembershipView.TABLE + " m on m.project_id = $1 and m.username = $2"
            + " left join task t on t.id = $3 and t.project_id = $1"
            + " left join project_labels l on l.project_id = $1";
    private final Pool pool;
    private final MembershipView memberships;
    private final ProjectOwner owner;
    private final SubmissionWriter submissions;

    CompletionService(Pool pool, MembershipView memberships, ProjectOwner owner, SubmissionWriter submissions) {
        this.pool = pool;
        this.memberships = memberships;
        this.owner = owner;
        this.submissions = submissions;
    }

    /**
     * A new completion, submitted at once when asked. The hot path of annotation, so it is two
     * round trips on the reactive pool instead of a Hibernate unit of work: one read (the caller's
     * role, the task and the labels), then one statement that writes the completion, its history
     * and — when submitted — the {@code CompletionSubmitted} outbox row and the training-set
     * recount request. A single statement is a single transaction: all of it is stored, or none.
     * Concurrent submits share that statement ({@link GroupCommit}); a batch that fails on one
     * submit's data is written again submit by submit.
     * The role is decided by {@link ProjectAuthorizer#decide} exactly as for every other request.
     */
    public Uni<View> create(UUID projectId, UUID taskId, ProjectAuthorizer authorizer, CompletionDtos.Write request,
            Idempotent<View> answer) {
        String caller = authorizer.username();
        // The owner's word on the membership (from memory within its TTL); the view's, read in the
        // same query, only when project-service cannot be asked.
        return memberships.ownerRole(projectId, caller).flatMap(owner -> pool.preparedQuery(ROLE_TASK_AND_LABELS)
                .execute(Tuple.of(projectId, caller, taskId)).flatMap(rows -> {
            Row row = rows.iterator().next();
            String member = row.getString("role");
            ProjectRole role = authorizer.decide(projectId, ProjectPermission.ANNOTATE,
                    owner != null ? owner : Optional.ofNullable(member).map(ProjectRole::valueOf));
            if (row.getString("text") == null) {
                throw ProblemException.notFound("task " + taskId);
            }
            if (role == ProjectRole.ANNOTATOR && !caller.equals(row.getString("assignee"))) {
                throw ProblemException.forbidden("task " + taskId + " is not assigned to you");
            }
            return checked(projectId, row.getString("text"), request.spans(),
                    ProjectLabels.parse(row.getString("labels")))
                    .chain(() -> write(projectId, taskId, caller, request, answer));
        })).onFailure(e -> e instanceof PgException pg && FOREIGN_KEY_VIOLATION.equals(pg.getSqlState()))
                .transform(e -> ProblemException.notFound("task " + taskId));
    }

    /**
     * Writes a new completion: a draft, or submitted with its event and recount, in one statement
     * with the request's answer when it sent an idempotency key.
     */
    private Uni<View> write(UUID projectId, UUID taskId, String caller, CompletionDtos.Write request,
            Idempotent<View> answer) {
        Completion c = Completion.draft(projectId, taskId, caller, SpanCodec.write(request.spans()));
        String created = request.spans().size() + " spans";
        if (request.submitNow()) {
            c.submitted = true;
            c.submittedAt = c.createdAt;
            View view = CompletionViews.of(c, request.spans());
            return submissions.submitNew(c, request.spans().size(), created, answer.answer(view).values()).replaceWith(view);
        }
        View view = CompletionViews.of(c, request.spans());
        return submissions.insertDraft(c, created, answer.answer(view).values()).replaceWith(view);
    }

    @WithTransaction
    public Uni<View> update(UUID projectId, UUID completionId, String caller, ProjectRole role,
            CompletionDtos.Write request) {
        return own(projectId, completionId, caller).flatMap(c -> workableTask(projectId, c.taskId, caller, role)
                .call(task -> validate(task, request.spans()))
                .flatMap(task -> {
                    c.spans = SpanCodec.write(request.spans());
                    c.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    boolean resubmit = c.submitted;
                    return CompletionHistory.of(c.id, "UPDATED", caller, request.spans().size() + " spans").persist()
                            .chain(() -> resubmit || request.submitNow() ? submissions.submitted(c, caller) : Uni.createFrom().voidItem())
                            .map(ignored -> CompletionViews.of(c));
                }));
    }

    @WithTransaction
    public Uni<View> submit(UUID projectId, UUID completionId, String caller, ProjectRole role) {
        // Submitting a submitted completion changes nothing: one submission, one event, whoever asks twice.
        return own(projectId, completionId, caller).call(c -> workableTask(projectId, c.taskId, caller, role))
                .call(c -> c.submitted ? Uni.createFrom().voidItem() : submissions.submitted(c, caller)).map(CompletionViews::of);
    }

    @WithSession
    public Uni<List<View>> ofTask(UUID projectId, UUID taskId, String caller, ProjectRole role) {
        return workableTask(projectId, taskId, caller, role).flatMap(task -> role == ProjectRole.ANNOTATOR
                ? Completion.<Completion>list("taskId = ?1 and author = ?2 order by createdAt", taskId, caller)
                : Completion.<Completion>list("taskId = ?1 order by createdAt", taskId))
                .map(list -> list.stream().map(CompletionViews::of).toList());
    }

    @WithSession
    public Uni<List<HistoryEntry>> history(UUID projectId, UUID completionId, String caller, ProjectRole role) {
        return visible(projectId, completionId, caller, role)
                .call(c -> workableTask(projectId, c.taskId, caller, role))
                .flatMap(c -> CompletionHistory.<CompletionHistory>list("completionId = ?1 order by id", c.id))
                .map(list -> list.stream().map(h -> new HistoryEntry(h.action, h.actor, h.at, h.detail)).toList());
    }

    /** The task, if the caller may annotate it: annotators only their assigned tasks. */
    public static Uni<Task> workableTask(UUID projectId, UUID taskId, String caller, ProjectRole role) {
        return Task.inProject(projectId, taskId).invoke(task -> {
            if (!task.openTo(caller, role)) {
                throw ProblemException.forbidden("task " + taskId + " is not assigned to you");
            }
        });
    }

    public Uni<Void> validate(Task task, List<Span> spans) {
        return ProjectLabels.of(task.projectId).chain(labels -> checked(task.projectId, task.text, spans, labels));
    }

    /**
     * Spans checked against the labeling config as saved (DESIGN.md §9): the event-fed view's
     * labels when they hold every label the spans use, else project-service's (a label added a
     * moment ago), the view's again when project-service cannot be asked.
     */
    private Uni<Void> checked(UUID projectId, String text, List<Span> spans, Set<String> view) {
        if (!view.isEmpty() && spans.stream().allMatch(span -> view.contains(span.label()))) {
            validate(text, spans, view);
            return Uni.createFrom().voidItem();
        }
        return owner.labelsAsync(projectId).invoke(saved -> validate(text, spans, saved != null ? saved : view))
                .replaceWithVoid();
    }

    private static void validate(String text, List<Span> spans, Set<String> labels) {
        if (labels.isEmpty()) {
            throw ProblemException.conflict("NO_LABELING_CONFIG", "the project has no labeling config yet");
        }
        SpanValidator.validate(text, spans, labels);
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
