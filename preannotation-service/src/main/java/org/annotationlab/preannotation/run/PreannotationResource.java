package org.annotationlab.preannotation.run;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.annotationlab.events.deployment.DeploymentStarted.DeployedModel;
import org.annotationlab.preannotation.project.ProjectState;
import org.annotationlab.web.idempotency.Idempotency;
import org.annotationlab.web.idempotency.Idempotent;
import org.annotationlab.web.paging.Page;
import org.annotationlab.web.paging.PageRequest;
import org.annotationlab.web.problem.ProblemException;
import org.annotationlab.web.stream.ChangeStream;
import org.annotationlab.web.security.ProjectAuthorizer;
import org.annotationlab.web.security.ProjectPermission;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Pre-annotate tasks with the deployed models; what the popup shows first; progress; cancel. */
@Path("/")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class PreannotationResource {

    /** How often a run's event stream reads it again. */
    private static final java.time.Duration EVENTS_INTERVAL = java.time.Duration.ofSeconds(1);

    private final PreannotationService service;
    private final ProjectAuthorizer authorizer;
    private final PreannotationWorker worker;
    private final Idempotency idempotency;

    PreannotationResource(PreannotationService service, ProjectAuthorizer authorizer, PreannotationWorker worker,
            Idempotency idempotency) {
        this.service = service;
        this.idempotency = idempotency;
        this.authorizer = authorizer;
        this.worker = worker;
    }

    @POST
    @Path("projects/{projectId}/preannotations")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "the pre-annotation run is started; Location names it",
            content = @Content(schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "409", description = "NOTHING_DEPLOYED: no model is deployed; DEPLOYMENT_IN_PROGRESS: a "
            + "deployment is not finished; PREANNOTATION_IN_PROGRESS: a run of this project is running; "
            + "TRAINING_IN_PROGRESS: the project is training (as training-service decides)")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED naming the field: a value outside its set or "
            + "too long, or taskIds given with completion, assignee, reviewer or predictions")
    @APIResponse(responseCode = "503", description = "TRAINING_SERVICE_UNAVAILABLE: training-service could not be asked "
            + "whether the project is training")
    public Uni<Response> start(@PathParam("projectId") UUID projectId,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey, @Valid PreannotationService.PreannotationRequest request) {
        PreannotationService.PreannotationRequest asked = request == null ? PreannotationService.PreannotationRequest.EVERY_TASK
                : request;
        asked.checkSelection();
        return authorizer.require(projectId, ProjectPermission.DEPLOY).chain(() -> {
            Idempotent<PreannotationRun> answer = idempotency.of(idempotencyKey, asked, run -> Response.accepted(
                    RunView.of(run, List.of())).location(URI.create("/preannotations/" + run.id)).build());
            return answer.respond(() -> service.start(projectId, asked, authorizer.username(), answer).invoke(worker::wake));
        });
    }

    /** The popup: the last deployment (models, labels each predicts, time, state), what serves, whether a run may start. */
    @GET
    @Path("projects/{projectId}/preannotations/context")
    public Uni<Context> context(@PathParam("projectId") UUID projectId) {
        return authorizer.require(projectId, ProjectPermission.READ_PROJECT).chain(() -> Panache.withSession(() ->
                ProjectState.<ProjectState>findById(projectId).map(found -> {
                    ProjectState project = found != null ? found : new ProjectState();
                    project.projectId = projectId;
                    ProblemException blocked = PreannotationService.hint(project);
                    return new Context(projectId,
                            project.deploymentId == null ? null : new Context.Deployment(project.deploymentId,
                                    project.deploymentState, ProjectState.models(project.deploymentModels), project.deploymentAt,
                                    project.deploymentMessage),
                            project.servingDeployment == null ? null : new Context.Serving(project.servingDeployment,
                                    ProjectState.models(project.servingModels)),
                            blocked == null, blocked == null ? null : new Context.Blocker(blocked.reason(), blocked.getMessage()));
                })));
    }

    @GET
    @Path("projects/{projectId}/preannotations")
    public Uni<Page<RunView>> history(@PathParam("projectId") UUID projectId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size, @QueryParam("sort") String sort) {
        return authorizer.require(projectId, ProjectPermission.READ_PROJECT).chain(() -> {
            PageRequest request = PageRequest.of(page, size, sort, SORTS, "created,desc", "id");
            return Panache.withSession(() -> Page.of(PreannotationRun.<PreannotationRun>find("projectId = ?1"
                    + request.orderBy(), projectId), request, run -> RunView.of(run, List.of())));
        });
    }

    /** The orders the run history offers. */
    static final java.util.Map<String, String> SORTS = PageRequest.keys("created", "createdAt", "state", "state",
            "finished", "finishedAt");

    /** A run with its progress and (up to 1,000) failed tasks with their errors. */
    @GET
    @Path("preannotations/{runId}")
    public Uni<RunView> get(@PathParam("runId") UUID runId) {
        return view(runId, true);
    }

    /**
     * The run as server-sent events: the run now, then each change of its progress, ending with
     * its final state (and its failures). Polling {@code GET /preannotations/{runId}} gives the same views.
     */
    @GET
    @Path("preannotations/{runId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<RunView> events(@PathParam("runId") UUID runId) {
        return view(runId, true).onItem().transformToMulti(first -> ChangeStream.follow(first, EVENTS_INTERVAL,
                () -> view(runId, false), run -> run.state() != PreannotationRun.State.RUNNING));
    }

    private Uni<RunView> view(UUID runId, boolean authorize) {
        return Panache.withSession(() -> PreannotationRun.<PreannotationRun>findById(runId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("pre-annotation run " + runId))
                .call(run -> authorize ? authorizer.require(run.projectId, ProjectPermission.READ_PROJECT)
                        : Uni.createFrom().voidItem())
                .flatMap(run -> PreannotationRun.failures(runId, 1000).map(failures -> RunView.of(run, failures))));
    }

    /** Cancel: the run stops after the batch in flight; 409 when it has ended. */
    @DELETE
    @Path("preannotations/{runId}")
    @APIResponse(responseCode = "202", description = "the run is marked to stop after the batch in flight",
            content = @Content(schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "409", description = "RUN_FINISHED: the run has already ended")
    public Uni<Response> cancel(@PathParam("runId") UUID runId) {
        return Panache.withTransaction(() -> PreannotationRun.locked(runId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("pre-annotation run " + runId))
                .call(run -> authorizer.require(run.projectId, ProjectPermission.DEPLOY))
                .invoke(run -> {
                    if (run.state != PreannotationRun.State.RUNNING) {
                        throw ProblemException.conflict("RUN_FINISHED", "pre-annotation run " + runId + " has ended: " + run.state);
                    }
                    run.cancelRequested = true;
                }))
                .map(run -> Response.accepted(RunView.of(run, List.of())).build());
    }

    /** What the pre-annotation popup shows before a run. */
    public record Context(UUID projectId, Deployment lastDeployment, Serving serving, boolean canRun, Blocker blockedBy) {

        public record Deployment(UUID id, String state, List<DeployedModel> models, Instant at, String message) {
        }

        public record Serving(UUID deploymentId, List<DeployedModel> models) {
        }

        public record Blocker(String reason, String detail) {
        }
    }
}
