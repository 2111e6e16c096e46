package org.annotationlab.annotation.prediction;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import org.annotationlab.web.limits.BodyLimit;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.annotationlab.annotation.completion.CompletionDtos;
import org.annotationlab.web.problem.ProblemException;
import org.annotationlab.web.security.ProjectAuthorizer;
import org.annotationlab.web.security.ProjectPermission;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Predictions of a project's tasks: written by pre-annotation, read and adopted by annotators. */
@Path("/projects/{projectId}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PredictionResource {

    private final PredictionService predictions;
    private final ProjectAuthorizer authorizer;

    PredictionResource(PredictionService predictions, ProjectAuthorizer authorizer) {
        this.predictions = predictions;
        this.authorizer = authorizer;
    }

    @PUT
    @Path("/predictions")
    @BodyLimit(megabytes = 32)
    public Uni<Map<String, Integer>> store(@PathParam("projectId") UUID projectId,
            @Valid @NotNull PredictionDtos.Batch batch) {
        return authorizer.require(projectId, ProjectPermission.DEPLOY)
                .invoke(() -> requireEachTaskOnce(batch))
                .chain(() -> predictions.store(projectId, batch)).map(n -> Map.of("tasks", n));
    }

    /** A batch holds one prediction per task: a task named twice is refused, naming the second place. */
    private static void requireEachTaskOnce(PredictionDtos.Batch batch) {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < batch.predictions().size(); i++) {
            if (!seen.add(batch.predictions().get(i).taskId())) {
                throw ProblemException.invalid("predictions[" + i + "].taskId", "this task is already predicted in this batch");
            }
        }
    }

    @GET
    @Path("/tasks/{taskId}/predictions")
    public Uni<List<PredictionDtos.View>> ofTask(@PathParam("projectId") UUID projectId, @PathParam("taskId") UUID taskId) {
        return authorizer.require(projectId, ProjectPermission.ANNOTATE)
                .flatMap(role -> predictions.ofTask(projectId, taskId, authorizer.username(), role));
    }

    @POST
    @Path("/predictions/{predictionId}/draft")
    @APIResponse(responseCode = "201", description = "the caller's new draft completion, holding the prediction's spans",
            content = @Content(schema = @Schema(implementation = CompletionDtos.View.class)))
    public Uni<Response> toDraft(@PathParam("projectId") UUID projectId, @PathParam("predictionId") UUID predictionId) {
        return authorizer.require(projectId, ProjectPermission.ANNOTATE)
                .flatMap(role -> predictions.toDraft(projectId, predictionId, authorizer.username(), role))
                .map(view -> Response.status(Response.Status.CREATED).entity(view).build());
    }
}
