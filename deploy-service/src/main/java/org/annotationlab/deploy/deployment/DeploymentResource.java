package org.annotationlab.deploy.deployment;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.annotationlab.web.idempotency.Idempotency;
import org.annotationlab.web.idempotency.Idempotent;
import org.annotationlab.web.problem.ProblemException;
import org.annotationlab.web.security.ProjectAuthorizer;
import org.annotationlab.web.security.ProjectPermission;
import org.annotationlab.web.paging.Page;
import org.annotationlab.web.paging.PageRequest;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The Deploy button, what is deployed (the pre-annotation popup), deployment history. */
@Path("/")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class DeploymentResource {

    private final DeploymentService service;
    private final ProjectAuthorizer authorizer;
    private final Idempotency idempotency;

    DeploymentResource(DeploymentService service, ProjectAuthorizer authorizer, Idempotency idempotency) {
        this.service = service;
        this.idempotency = idempotency;
        this.authorizer = authorizer;
    }

    /** Deploys the models the project's labeling config names as saved now (also the redeploy). */
    @POST
    @Path("projects/{projectId}/deployments")
    @APIResponse(responseCode = "202", description = "the deployment is queued; Location names it",
            content = @Content(schema = @Schema(implementation = DeploymentView.class)))
    @APIResponse(responseCode = "409", description = "DEPLOYMENT_IN_PROGRESS: a deployment of this project is not finished")
    @APIResponse(responseCode = "422", description = "NO_MODELS: no label is bound to a model; UNKNOWN_MODEL: a bound "
            + "model is neither this project's nor pretrained")
    @APIResponse(responseCode = "503", description = "PROJECT_SERVICE_UNAVAILABLE: the saved bindings could not be read")
    public Uni<Response> deploy(@PathParam("projectId") UUID projectId,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return authorizer.require(projectId, ProjectPermission.DEPLOY).chain(() -> {
            Idempotent<Deployment> answer = idempotency.of(idempotencyKey, null,
                    d -> Response.accepted(DeploymentView.of(d)).location(URI.create("/deployments/" + d.id)).build());
            return answer.respond(() -> service.deployCurrent(projectId, authorizer.username(), answer));
        });
    }

    @GET
    @Path("projects/{projectId}/deployments/latest")
    public Uni<DeploymentView.Latest> latest(@PathParam("projectId") UUID projectId) {
        return authorizer.require(projectId, ProjectPermission.READ_TRAINING)
                .chain(() -> Panache.withSession(() -> service.latest(projectId)));
    }

    @GET
    @Path("projects/{projectId}/deployments")
    public Uni<Page<DeploymentView>> history(@PathParam("projectId") UUID projectId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size, @QueryParam("sort") String sort) {
        return authorizer.require(projectId, ProjectPermission.READ_TRAINING).chain(() -> {
            PageRequest request = PageRequest.of(page, size, sort, SORTS, "number,desc", "number");
            return Panache.withSession(() -> Page.of(Deployment.<Deployment>find("projectId = ?1" + request.orderBy(), projectId),
                    request, DeploymentView::of));
        });
    }

    /** The orders the deployment history offers. */
    static final java.util.Map<String, String> SORTS = PageRequest.keys("number", "number", "created", "createdAt",
            "state", "state");

    @GET
    @Path("deployments/{deploymentId}")
    public Uni<DeploymentView> get(@PathParam("deploymentId") UUID deploymentId) {
        return Panache.withSession(() -> Deployment.<Deployment>findById(deploymentId))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("deployment " + deploymentId))
                .call(d -> authorizer.require(d.projectId, ProjectPermission.READ_TRAINING))
                .map(DeploymentView::of);
    }
}
