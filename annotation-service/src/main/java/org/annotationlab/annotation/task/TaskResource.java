package org.annotationlab.annotation.task;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.annotation.task.importing.TaskImporter;
import org.annotationlab.web.idempotency.Idempotency;
import org.annotationlab.web.idempotency.Idempotent;
import org.annotationlab.web.security.ProjectAuthorizer;
import org.annotationlab.web.security.ProjectPermission;
import org.annotationlab.web.paging.Page;
import org.annotationlab.web.paging.PageRequest;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.annotationlab.web.limits.BodyLimit;

/** A project's tasks: import, listing with filters and paging, counts, tags and assignments. */
@Path("/projects/{projectId}/tasks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

    private final TaskService tasks;
    private final TaskImporter importer;
    private final ProjectAuthorizer authorizer;
    private final Idempotency idempotency;

    TaskResource(TaskService tasks, TaskImporter importer, ProjectAuthorizer authorizer, Idempotency idempotency) {
        this.tasks = tasks;
        this.idempotency = idempotency;
        this.importer = importer;
        this.authorizer = authorizer;
    }

    /**
     * Streams the body into tasks: {@code format=json} (an array of {text, meta}), {@code text}
     * (a task per line) or {@code conll} (sentences; tags become submitted completions).
     */
    @POST
    @Path("/import")
    @Blocking
    @BodyLimit(megabytes = 256)
    @Consumes(MediaType.WILDCARD)
    @APIResponse(responseCode = "200", description = "the tasks are imported",
            content = @Content(schema = @Schema(implementation = TaskDtos.ImportResult.class)))
    @APIResponse(responseCode = "400", description = "UNREADABLE_BODY: the body could not be read")
    @APIResponse(responseCode = "422", description = "INVALID_IMPORT: a row is bad and skipBadRows is off, or the body "
            + "cannot be read past it; nothing was imported; VALIDATION_FAILED: format or a tag is invalid, or the "
            + "body holds no tasks")
    public Response importTasks(@PathParam("projectId") UUID projectId,
            @QueryParam("format") @NotNull @Pattern(regexp = "json|text|conll", message = "must be json, text or conll") String format,
            @QueryParam("skipBadRows") @DefaultValue("false") boolean skipBadRows,
            @QueryParam("tag") List<@Pattern(regexp = TaskDtos.TAG) String> tags,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey, InputStream body) {
        Idempotent<TaskDtos.ImportResult> answer = idempotency.ofStream(idempotencyKey, body,
                result -> Response.ok(result).build());
        return answer.respondBlocking(() -> importer.importTasks(new TaskImporter.Request(projectId, format, skipBadRows,
                tags == null ? List.of() : List.copyOf(tags), answer.body()), answer));
    }

    /** A page of the tasks matching every filter given (Annotators: only their assigned tasks), with the total. */
    @GET
    public Uni<Page<TaskDtos.View>> list(@PathParam("projectId") UUID projectId, @QueryParam("tag") String tag,
            @Parameter(description = "none, any, draft, submitted, awaiting-review, accepted or rejected (else 422)")
            @QueryParam("completion") String completion,
            @QueryParam("assignee") String assignee, @QueryParam("reviewer") String reviewer,
            @Parameter(description = "any or none: tasks with or without a stored prediction (else 422)")
            @QueryParam("predictions") String predictions,
            @Parameter(description = "the newest prediction's score at least this, 0 to 1 (else 422)")
            @QueryParam("minScore") Double minScore,
            @Parameter(description = "the newest prediction's score at most this, 0 to 1 (else 422)")
            @QueryParam("maxScore") Double maxScore,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size,
            @Parameter(description = "created, assignee, reviewer, score, least-confidence, mnlp or entropy, optionally"
                    + " followed by ,asc or ,desc; tasks without a prediction come last")
            @QueryParam("sort") String sort) {
        return authorizer.require(projectId, ProjectPermission.ANNOTATE).flatMap(role -> tasks.list(projectId,
                new TaskFilter(tag, completion, assignee, reviewer, predictions, minScore, maxScore), authorizer.username(),
                role, PageRequest.of(page, size, sort, SORTS, "created", "seq")));
    }

    /**
     * The orders the task list offers: import order, by assignee or reviewer, by the newest
     * prediction's score or by its model's uncertainty about the text (unscored tasks last).
     */
    static final java.util.Map<String, String> SORTS = PageRequest.keys("created", "seq", "assignee", "assignee",
            "reviewer", "reviewer", "score", PageRequest.nullsLast("predictionScore"),
            "least-confidence", PageRequest.nullsLast("leastConfidence"), "mnlp", PageRequest.nullsLast("mnlp"),
            "entropy", PageRequest.nullsLast("entropy"));

    /**
     * The caller's next task by the project's task order (sequential, random or uncertainty), among
     * the tasks they may take with no submitted completion; {@code task} is null when none is left.
     */
    @GET
    @Path("/next")
    public Uni<TaskDtos.NextTask> next(@PathParam("projectId") UUID projectId,
            @Parameter(description = "the task the user is on: not offered, not counted in left")
            @QueryParam("current") UUID current,
            @Parameter(description = "tasks the user opened already: offered only when nothing else is left")
            @QueryParam("skip") List<UUID> skip) {
        List<UUID> skipped = skip == null ? List.of() : skip.stream().limit(1000).toList();
        return authorizer.require(projectId, ProjectPermission.ANNOTATE)
                .flatMap(role -> tasks.next(projectId, authorizer.username(), role, current, skipped));
    }

    @GET
    @Path("/counts")
    public Uni<TaskDtos.Counts> counts(@PathParam("projectId") UUID projectId) {
        return authorizer.require(projectId, ProjectPermission.READ_TRAINING).chain(() -> tasks.counts(projectId));
    }

    @GET
    @Path("/{taskId}")
    public Uni<TaskDtos.View> get(@PathParam("projectId") UUID projectId, @PathParam("taskId") UUID taskId) {
        return authorizer.require(projectId, ProjectPermission.ANNOTATE)
                .flatMap(role -> tasks.get(projectId, taskId, authorizer.username(), role));
    }

    /**
     * Adds and removes tags on the listed tasks, or on every task matching a filter; {@code {"tasks": n}}.
     * Both or neither of {@code taskIds} and {@code filter} is a 422 naming {@code taskIds}.
     */
    @POST
    @Path("/tags")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Integer>> tag(@PathParam("projectId") UUID projectId, @Valid @NotNull TaskDtos.Tagging request) {
        return authorizer.require(projectId, ProjectPermission.MANAGE_TASKS)
                .chain(() -> tasks.tag(projectId, request)).map(n -> Map.of("tasks", n));
    }

    /**
     * Assigns the listed tasks, or every task matching a filter; {@code {"tasks": n}}. Both or
     * neither of {@code taskIds} and {@code filter} is a 422 naming {@code taskIds}.
     */
    @PUT
    @Path("/assignment")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Integer>> assign(@PathParam("projectId") UUID projectId,
            @Valid @NotNull TaskDtos.Assignment request) {
        return authorizer.require(projectId, ProjectPermission.MANAGE_TASKS)
                .chain(() -> tasks.assign(projectId, request)).map(n -> Map.of("tasks", n));
    }
}
