package org.annotationlab.deploy.gate;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.annotationlab.deploy.deployment.Deployment;
import org.annotationlab.deploy.deployment.DeploymentView;
import org.annotationlab.web.idempotency.Idempotency;
import org.annotationlab.web.idempotency.Idempotent;
import org.annotationlab.web.paging.Page;
import org.annotationlab.web.paging.PageRequest;
import org.annotationlab.web.security.ProjectAuthorizer;
import org.annotationlab.web.security.ProjectPermission;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

/** A project's quality gate: its tolerance, its decisions, and deploying a refused model anyway. */
@Path("/projects/{projectId}/quality-gate")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class QualityGateResource {

    private static final Logger LOG = Logger.getLogger(QualityGateResource.class);

    /** The gate's setting: how much lower a new model's test F1 may be than the deployed model's. */
    public record Settings(@NotNull @DecimalMin("0.0") @DecimalMax("1.0") Double tolerance) {
    }

    /** A decision as the API shows it. */
    public record DecisionView(UUID runId, String model, QualityGate.Outcome outcome, Double f1, String baselineModel,
            Double baselineF1, double tolerance, int testTasks, String message, Instant decidedAt, String overriddenBy,
            Instant overriddenAt, UUID overrideDeployment) {

        static DecisionView of(GateDecision d) {
            return new DecisionView(d.runId, d.modelName, d.outcome, d.f1, d.baselineModel, d.baselineF1, d.tolerance,
                    d.testTasks, d.message, d.decidedAt, d.overriddenBy, d.overriddenAt, d.overrideDeployment);
        }
    }

    private final QualityGateService gates;
    private final ProjectAuthorizer authorizer;
    private final Idempotency idempotency;

    QualityGateResource(QualityGateService gates, ProjectAuthorizer authorizer, Idempotency idempotency) {
        this.gates = gates;
        this.authorizer = authorizer;
        this.idempotency = idempotency;
    }

    @GET
    @Path("/settings")
    public Uni<Settings> settings(@PathParam("projectId") UUID projectId) {
        return authorizer.require(projectId, ProjectPermission.READ_TRAINING)
                .chain(() -> Panache.withSession(() -> GateSetting.toleranceOf(projectId))).map(Settings::new);
    }

    @PUT
    @Path("/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "saved; it applies to the next decision",
            content = @Content(schema = @Schema(implementation = Settings.class)))
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED: tolerance missing or outside 0–1")
    public Uni<Settings> change(@PathParam("projectId") UUID projectId, @Valid @NotNull Settings settings) {
        return authorizer.require(projectId, ProjectPermission.DEPLOY).chain(() -> Panache.withTransaction(() ->
                GateSetting.<GateSetting>findById(projectId).chain(found -> {
                    GateSetting row = found != null ? found : new GateSetting();
                    row.projectId = projectId;
                    row.tolerance = settings.tolerance();
                    row.updatedBy = authorizer.username();
                    row.updatedAt = Instant.now();
                    return row.persist();
                })))
                .invoke(() -> LOG.infof("project %s: quality-gate tolerance %s, set by %s", projectId, settings.tolerance(),
                        authorizer.username()))
                .replaceWith(settings);
    }

    /** The gate's decisions, newest first. */
    @GET
    @Path("/decisions")
    public Uni<Page<DecisionView>> decisions(@PathParam("projectId") UUID projectId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
        return authorizer.require(projectId, ProjectPermission.READ_TRAINING).chain(() -> {
            PageRequest request = PageRequest.of(page, size, null, SORTS, "decided,desc", "runId");
            return Panache.withSession(() -> Page.of(GateDecision.<GateDecision>find("projectId = ?1" + request.orderBy(),
                    projectId), request, DecisionView::of));
        });
    }

    static final java.util.Map<String, String> SORTS = PageRequest.keys("decided", "decidedAt");

    /** Deploys a model the gate refused: an Owner's or Manager's decision, recorded on the decision and the deployment. */
    @POST
    @Path("/decisions/{runId}/override")
    @APIResponse(responseCode = "202", description = "the deployment is queued (trigger OVERRIDE); Location names it",
            content = @Content(schema = @Schema(implementation = DeploymentView.class)))
    @APIResponse(responseCode = "404", description = "NO_DECISION: the gate took no decision on this run of this project")
    @APIResponse(responseCode = "409", description = "NOT_REFUSED, ALREADY_OVERRIDDEN, or DEPLOYMENT_IN_PROGRESS")
    @APIResponse(responseCode = "422", description = "the model cannot be deployed (MODEL_FILES_MISSING, REWRITE_REFUSED, …)")
    @APIResponse(responseCode = "503", description = "PROJECT_SERVICE_UNAVAILABLE: the labels could not be bound")
    public Uni<Response> override(@PathParam("projectId") UUID projectId, @PathParam("runId") UUID runId,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return authorizer.require(projectId, ProjectPermission.DEPLOY).chain(() -> {
            Idempotent<Deployment> answer = idempotency.of(idempotencyKey, null,
                    d -> Response.accepted(DeploymentView.of(d)).location(URI.create("/deployments/" + d.id)).build());
            return answer.respond(() -> gates.override(projectId, runId, authorizer.username(), answer));
        });
    }
}
