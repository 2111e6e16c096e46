package org.annotationlab.annotation.review;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.annotationlab.annotation.completion.CompletionDtos;
import org.annotationlab.annotation.completion.CompletionDtos.View;
import org.annotationlab.web.security.ProjectAuthorizer;
import org.annotationlab.web.security.ProjectPermission;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** A reviewer's decision on a submitted completion. */
@Path("/projects/{projectId}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReviewResource {

    private final ReviewService reviews;
    private final ProjectAuthorizer authorizer;

    ReviewResource(ReviewService reviews, ProjectAuthorizer authorizer) {
        this.reviews = reviews;
        this.authorizer = authorizer;
    }

    @POST
    @Path("/completions/{completionId}/review")
    @APIResponse(responseCode = "200", description = "the reviewed completion",
            content = @Content(schema = @Schema(implementation = View.class)))
    @APIResponse(responseCode = "409", description = "NOT_SUBMITTED: the completion is a draft")
    public Uni<View> review(@PathParam("projectId") UUID projectId, @PathParam("completionId") UUID completionId,
            @Valid @NotNull CompletionDtos.Review decision) {
        return authorizer.require(projectId, ProjectPermission.REVIEW)
                .flatMap(role -> reviews.review(projectId, completionId, authorizer.username(), role, decision));
    }
}
