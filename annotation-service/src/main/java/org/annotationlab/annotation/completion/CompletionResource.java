package org.annotationlab.annotation.completion;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.annotationlab.annotation.completion.CompletionDtos.HistoryEntry;
import org.annotationlab.annotation.completion.CompletionDtos.View;
import org.annotationlab.web.idempotency.Idempotency;
import org.annotationlab.web.idempotency.Idempotent;
import org.annotationlab.web.security.ProjectAuthorizer;
import org.annotationlab.web.security.ProjectPermission;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Completions of a project's tasks: drafts, updates, submission, history (their review: ReviewResource). */
@Path("/projects/{projectId}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CompletionResource {

    private final CompletionService completions;
    private final ProjectAuthorizer authorizer;
    private final Idempotency idempotency;

    CompletionResource(CompletionService completions, ProjectAuthorizer authorizer, Idempotency idempotency) {
        this.completions = completions;
        this.idempotency = idempotency;
        this.authorizer = authorizer;
    }

    @POST
    @Path("/tasks/{taskId}/completions")
    @APIResponse(responseCode = "201", description = "the completion, a draft or submitted",
            content = @Content(schema = @Schema(implementation = View.class)))
    @APIResponse(responseCode = "409", description = "NO_LABELING_CONFIG: the project has no labeling config yet")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED: a field is invalid; INVALID_SPANS: a span is "
            + "outside the text, blank, overlaps another or has a label not in the labeling config")
    public Uni<Response> create(@PathParam("projectId") UUID projectId, @PathParam("taskId") UUID taskId,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey, @Valid @NotNull CompletionDtos.Write request) {
        // The membership is decided in the write's own query; a stored answer is the caller's own.
        Idempotent<View> answer = idempotency.of(idempotencyKey, request,
                view -> Response.status(Response.Status.CREATED).entity(view).build());
        return answer.respond(() -> completions.create(projectId, taskId, authorizer, request, answer));
    }

    @GET
    @Path("/tasks/{taskId}/completions")
    public Uni<List<View>> ofTask(@PathParam("projectId") UUID projectId, @PathParam("taskId") UUID taskId) {
        return authorizer.require(projectId, ProjectPermission.ANNOTATE)
                .flatMap(role -> completions.ofTask(projectId, taskId, authorizer.username(), role));
    }

    @PUT
    @Path("/completions/{completionId}")
    @APIResponse(responseCode = "200", description = "the updated completion",
            content = @Content(schema = @Schema(implementation = View.class)))
    @APIResponse(responseCode = "409", description = "ALREADY_REVIEWED: the completion was already accepted or "
            + "rejected; NO_LABELING_CONFIG: the project has no labeling config yet")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED: a field is invalid; INVALID_SPANS: a span is "
            + "outside the text, blank, overlaps another or has a label not in the labeling config")
    public Uni<View> update(@PathParam("projectId") UUID projectId, @PathParam("completionId") UUID completionId,
            @Valid @NotNull CompletionDtos.Write request) {
        return authorizer.require(projectId, ProjectPermission.ANNOTATE)
                .flatMap(role -> completions.update(projectId, completionId, authorizer.username(), role, request));
    }

    @POST
    @Path("/completions/{completionId}/submission")
    @APIResponse(responseCode = "200", description = "the completion, submitted",
            content = @Content(schema = @Schema(implementation = View.class)))
    @APIResponse(responseCode = "409", description = "ALREADY_REVIEWED: the completion was already accepted or rejected")
    public Uni<View> submit(@PathParam("projectId") UUID projectId, @PathParam("completionId") UUID completionId) {
        return authorizer.require(projectId, ProjectPermission.ANNOTATE)
                .flatMap(role -> completions.submit(projectId, completionId, authorizer.username(), role));
    }

    @GET
    @Path("/completions/{completionId}/history")
    public Uni<List<HistoryEntry>> history(@PathParam("projectId") UUID projectId,
            @PathParam("completionId") UUID completionId) {
        return authorizer.require(projectId, ProjectPermission.ANNOTATE)
                .flatMap(role -> completions.history(projectId, completionId, authorizer.username(), role));
    }
}
