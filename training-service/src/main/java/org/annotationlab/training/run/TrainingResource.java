package org.annotationlab.training.run;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.nio.file.Files;
import java.util.UUID;
import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.training.config.TrainingConfig;
import org.annotationlab.training.contract.RunFiles;
import org.annotationlab.web.idempotency.Idempotency;
import org.annotationlab.web.idempotency.Idempotent;
import org.annotationlab.web.problem.ProblemException;
import org.annotationlab.web.stream.ChangeStream;
import org.annotationlab.web.security.ProjectAuthorizer;
import org.annotationlab.web.security.ProjectPermission;
import org.annotationlab.web.paging.Page;
import org.annotationlab.web.paging.PageRequest;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Train Now, the Train Now button's status, run history, one run, its log, cancel; status and run as server-sent events. */
@Path("/")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class TrainingResource {

    private final TrainingService service;
    private final ProjectAuthorizer authorizer;
    private final TrainingConfig config;
    private final Idempotency idempotency;

    TrainingResource(TrainingService service, ProjectAuthorizer authorizer, TrainingConfig config,
            Idempotency idempotency) {
        this.service = service;
        this.idempotency = idempotency;
        this.authorizer = authorizer;
        this.config = config;
    }

    @POST
    @Path("projects/{projectId}/trainings")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "the training run is queued; Location names it",
            content = @Content(schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "409", description = "TRAINING_IN_PROGRESS: a run of this project is queued or running; "
            + "PREANNOTATION_IN_PROGRESS: a pre-annotation of this project is in progress")
    public Uni<Response> trainNow(@PathParam("projectId") UUID projectId,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey, @Valid TrainRequest request) {
        TrainRequest asked = request == null ? TrainRequest.none() : request;
        return authorizer.require(projectId, ProjectPermission.TRAIN).chain(() -> {
            Idempotent<TrainingRun> answer = idempotency.of(idempotencyKey, asked,
                    run -> Response.accepted(RunView.of(run)).location(URI.create("/trainings/" + run.id)).build());
            return answer.respond(() -> service.trainNow(projectId, asked, authorizer.username(), answer));
        });
    }

    @GET
    @Path("projects/{projectId}/trainings/status")
    public Uni<TrainingStatus> status(@PathParam("projectId") UUID projectId) {
        return authorizer.require(projectId, ProjectPermission.READ_PROJECT)
                .flatMap(role -> statusOf(projectId, role, authorizer.isAdmin()));
    }

    /**
     * The Train Now status as server-sent events: the status now, then each change (a run queued,
     * its progress, its end, a pre-annotation starting or ending), until the client goes away.
     */
    @GET
    @Path("projects/{projectId}/trainings/status/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<TrainingStatus> statusEvents(@PathParam("projectId") UUID projectId) {
        return authorizer.require(projectId, ProjectPermission.READ_PROJECT).onItem().transformToMulti(role -> {
            boolean admin = authorizer.isAdmin();
            return statusOf(projectId, role, admin).onItem().transformToMulti(first -> ChangeStream.follow(first,
                    config.eventsInterval(), () -> statusOf(projectId, role, admin), status -> false));
        });
    }

    private Uni<TrainingStatus> statusOf(UUID projectId, ProjectRole role, boolean admin) {
        return Panache.withSession(() -> service.status(projectId, role, admin));
    }

    @GET
    @Path("projects/{projectId}/trainings")
    public Uni<Page<RunView>> history(@PathParam("projectId") UUID projectId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size, @QueryParam("sort") String sort) {
        return authorizer.require(projectId, ProjectPermission.READ_TRAINING).chain(() -> {
            PageRequest request = PageRequest.of(page, size, sort, SORTS, "number,desc", "number");
            return Panache.withSession(() -> Page.of(TrainingRun.<TrainingRun>find("projectId = ?1" + request.orderBy(), projectId),
                    request, RunView::of));
        });
    }

    /**
     * The project's learning curve: test F1 against training-set size over its successful runs
     * (the newest {@value #CURVE_RUNS}), on the newest run's test set.
     */
    @GET
    @Path("projects/{projectId}/learning-curve")
    public Uni<LearningCurve> learningCurve(@PathParam("projectId") UUID projectId) {
        return authorizer.require(projectId, ProjectPermission.READ_TRAINING).chain(() -> Panache.withSession(() ->
                TrainingRun.<TrainingRun>find("projectId = ?1 and state = ?2 order by number desc", projectId, RunState.SUCCEEDED)
                        .page(0, CURVE_RUNS).list()))
                .map(LearningCurve::of);
    }

    static final int CURVE_RUNS = 500;

    /** The orders the run history offers. */
    static final java.util.Map<String, String> SORTS = PageRequest.keys("number", "number", "created", "createdAt",
            "state", "state", "finished", "finishedAt");

    @GET
    @Path("trainings/{runId}")
    public Uni<RunView> run(@PathParam("runId") UUID runId) {
        return readable(runId).map(RunView::of);
    }

    /**
     * The run as server-sent events: the run now, then each change (phase, epoch, loss, state),
     * ending with its final state. Polling {@code GET /trainings/{runId}} gives the same views.
     */
    @GET
    @Path("trainings/{runId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<RunView> runEvents(@PathParam("runId") UUID runId) {
        return readable(runId).onItem().transformToMulti(run -> ChangeStream.follow(RunView.of(run), config.eventsInterval(),
                () -> Panache.withSession(() -> TrainingRun.<TrainingRun>findById(runId)).map(RunView::of),
                view -> !view.state().active()));
    }

    /** training.log of the run, as nlp-runner writes it (while it runs too). */
    @GET
    @Path("trainings/{runId}/logs")
    @Produces({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    @APIResponse(responseCode = "200", description = "the run's training.log, as an attachment",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "NOT_FOUND: no such run, or one of a project the caller is not a "
            + "member of; NO_LOG: the run has not written a log yet")
    public Uni<Response> logs(@PathParam("runId") UUID runId) {
        return readable(runId).map(run -> {
            java.nio.file.Path log = run.runDir == null ? null : java.nio.file.Path.of(run.runDir).resolve(RunFiles.LOG);
            if (log == null || !Files.exists(log)) {
                throw new ProblemException(404, "NO_LOG", "training run " + run.number + " has not written a log yet (state "
                        + run.state + (run.message == null ? "" : ": " + run.message) + ")");
            }
            return Response.ok(log.toFile(), "text/plain;charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"training-" + run.number + ".log\"").build();
        });
    }

    @DELETE
    @Path("trainings/{runId}")
    @APIResponse(responseCode = "202", description = "a queued run is cancelled, a running one is marked to be stopped",
            content = @Content(schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "409", description = "RUN_FINISHED: the run has already finished")
    public Uni<Response> cancel(@PathParam("runId") UUID runId) {
        return Panache.withTransaction(() -> TrainingRun.locked(runId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("training run " + runId))
                .call(run -> authorizer.require(run.projectId, ProjectPermission.TRAIN))
                .flatMap(run -> service.cancel(run, authorizer.username())))
                .map(run -> Response.accepted(RunView.of(run)).build());
    }

    private Uni<TrainingRun> readable(UUID runId) {
        return Panache.withSession(() -> TrainingRun.<TrainingRun>findById(runId))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("training run " + runId))
                .call(run -> authorizer.require(run.projectId, ProjectPermission.READ_TRAINING));
    }
}
