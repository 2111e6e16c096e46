package org.annotationlab.preannotation.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.annotationlab.web.client.CallPolicy;
import org.annotationlab.web.client.RemoteProblems;
import org.annotationlab.web.client.RemoteRefusal;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * training-service's pre-annotation leases ({@code lab.preannotation.training-url}): each call
 * answers within 10 s and has its circuit breaker ({@link CallPolicy}); a refusal (409 while the
 * project trains) is an answer, never retried nor counted as a failure. Answers of 400 or more
 * arrive as {@link org.annotationlab.web.client.RemoteProblem}s. Use {@link TrainingClient}.
 */
@Path("/projects/{projectId}/preannotation-leases/{runId}")
@RegisterRestClient(configKey = "training-service")
@RegisterProvider(RemoteProblems.class)
@Timeout(value = 10, unit = ChronoUnit.SECONDS)
@CircuitBreaker(requestVolumeThreshold = CallPolicy.CIRCUIT_WINDOW, failureRatio = CallPolicy.CIRCUIT_FAILURE_RATIO,
        delay = CallPolicy.CIRCUIT_DELAY_S, delayUnit = ChronoUnit.SECONDS, skipOn = RemoteRefusal.class)
interface TrainingRestClient {

    /** Takes the lease for the run (idempotent for the same run): 204, or 409 while the project trains. */
    @PUT
    @Retry(maxRetries = CallPolicy.RETRIES, delay = CallPolicy.RETRY_DELAY_MS, jitter = CallPolicy.RETRY_JITTER_MS,
            abortOn = {RemoteRefusal.class, CircuitBreakerOpenException.class})
    void lease(@PathParam("projectId") UUID projectId, @PathParam("runId") UUID runId, @QueryParam("yields") boolean yields,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer);

    /** Whether the run's lease was revoked (its background run yields to a training). */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Retry(maxRetries = CallPolicy.RETRIES, delay = CallPolicy.RETRY_DELAY_MS, jitter = CallPolicy.RETRY_JITTER_MS,
            abortOn = {RemoteRefusal.class, CircuitBreakerOpenException.class})
    LeaseState state(@PathParam("projectId") UUID projectId, @PathParam("runId") UUID runId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer);

    /** A lease's state as training-service answers it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record LeaseState(boolean revoked) {
    }

    /** Gives the lease of a run that did not start back (idempotent). */
    @DELETE
    @Retry(maxRetries = CallPolicy.RETRIES, delay = CallPolicy.RETRY_DELAY_MS, jitter = CallPolicy.RETRY_JITTER_MS,
            abortOn = {RemoteRefusal.class, CircuitBreakerOpenException.class})
    void release(@PathParam("projectId") UUID projectId, @PathParam("runId") UUID runId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer);

    /** The run is stored: its lease holds until its PreannotationCompleted. A POST: not retried. */
    @POST
    @Path("/confirmation")
    void confirm(@PathParam("projectId") UUID projectId, @PathParam("runId") UUID runId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer);
}
