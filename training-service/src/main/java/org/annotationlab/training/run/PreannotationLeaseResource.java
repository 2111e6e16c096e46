package org.annotationlab.training.run;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.web.problem.ProblemException;
import org.annotationlab.web.security.ProjectAuthorizer;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The project's "busy" state for preannotation-service (DESIGN.md §9): a pre-annotation run takes
 * a lease before it starts and is refused (409 TRAINING_IN_PROGRESS) while a training is queued or
 * running; Train Now is refused while a lease is held. Services only (the realm role admin).
 */
@Path("/projects/{projectId}/preannotation-leases/{runId}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class PreannotationLeaseResource {

    private final TrainingService service;
    private final ProjectAuthorizer authorizer;

    PreannotationLeaseResource(TrainingService service, ProjectAuthorizer authorizer) {
        this.service = service;
        this.authorizer = authorizer;
    }

    /**
     * Takes the lease (idempotent for the same run): 204, or 409 while the project trains. With
     * {@code yields=true} (a background run) a training queued later revokes it rather than being refused.
     */
    @PUT
    @APIResponse(responseCode = "204", description = "the lease is held")
    @APIResponse(responseCode = "409", description = "TRAINING_IN_PROGRESS: a training run of this project is queued or "
            + "running")
    public Uni<Void> take(@PathParam("projectId") UUID projectId, @PathParam("runId") UUID runId,
            @QueryParam("yields") @DefaultValue("false") boolean yields) {
        servicesOnly();
        return service.leaseForPreannotation(projectId, runId, yields);
    }

    /** Whether the lease was revoked: {@code {"revoked": true}} when a training was queued and the run must stop. */
    @GET
    public Uni<Map<String, Boolean>> state(@PathParam("projectId") UUID projectId, @PathParam("runId") UUID runId) {
        servicesOnly();
        return service.preannotationLeaseRevoked(projectId, runId).map(revoked -> Map.of("revoked", revoked));
    }

    /** The run was stored: its lease holds until the run's PreannotationCompleted (204; nothing if it is gone). */
    @POST
    @Path("/confirmation")
    @APIResponse(responseCode = "204", description = "the lease is confirmed, or there was none to confirm")
    public Uni<Void> confirm(@PathParam("projectId") UUID projectId, @PathParam("runId") UUID runId) {
        servicesOnly();
        return service.confirmPreannotation(projectId, runId);
    }

    /** Releases the lease of a run that did not start: 204. */
    @DELETE
    public Uni<Void> release(@PathParam("projectId") UUID projectId, @PathParam("runId") UUID runId) {
        servicesOnly();
        return service.releasePreannotation(projectId, runId);
    }

    private void servicesOnly() {
        if (!authorizer.isAdmin()) {
            throw ProblemException.forbidden("only the platform's services take pre-annotation leases");
        }
    }
}
