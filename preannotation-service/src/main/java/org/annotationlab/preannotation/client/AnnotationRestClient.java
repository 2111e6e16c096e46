package org.annotationlab.preannotation.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.annotationlab.web.client.CallPolicy;
import org.annotationlab.web.client.RemoteProblems;
import org.annotationlab.web.client.RemoteRefusal;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * annotation-service as preannotation-service calls it ({@code lab.preannotation.annotation-url}):
 * task texts in, predictions out. Both calls are idempotent and retried, each behind its circuit
 * breaker ({@link CallPolicy}). Answers of 400 or more arrive as
 * {@link org.annotationlab.web.client.RemoteProblem}s. Use {@link AnnotationClient}.
 */
@Path("/projects/{projectId}")
@RegisterRestClient(configKey = "annotation-service")
@RegisterProvider(RemoteProblems.class)
@CircuitBreaker(requestVolumeThreshold = CallPolicy.CIRCUIT_WINDOW, failureRatio = CallPolicy.CIRCUIT_FAILURE_RATIO,
        delay = CallPolicy.CIRCUIT_DELAY_S, delayUnit = ChronoUnit.SECONDS, skipOn = RemoteRefusal.class)
interface AnnotationRestClient {

    /**
     * One page of the project's tasks that match every filter given (a null one is not sent), in
     * annotation-service's order.
     */
    @GET
    @Path("/tasks")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = CallPolicy.RETRIES, delay = CallPolicy.RETRY_DELAY_MS, jitter = CallPolicy.RETRY_JITTER_MS,
            abortOn = {RemoteRefusal.class, CircuitBreakerOpenException.class})
    TaskPage tasks(@PathParam("projectId") UUID projectId, @QueryParam("tag") String tag,
            @QueryParam("completion") String completion, @QueryParam("assignee") String assignee,
            @QueryParam("reviewer") String reviewer, @QueryParam("predictions") String predictions,
            @QueryParam("page") int page, @QueryParam("size") int size,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer);

    /**
     * Stores one model version's predictions, replacing that version's earlier ones for these
     * tasks: safe to repeat, so retried after 1 s and 2 s.
     */
    @PUT
    @Path("/predictions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 120, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = CallPolicy.RETRIES, delay = 1, delayUnit = ChronoUnit.SECONDS, jitter = 0,
            abortOn = {RemoteRefusal.class, CircuitBreakerOpenException.class})
    @ExponentialBackoff
    void storePredictions(@PathParam("projectId") UUID projectId, AnnotationClient.PredictionBatch batch,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer);

    /** The project's task order (sequential, random or uncertainty). */
    @GET
    @Path("/task-order")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = CallPolicy.RETRIES, delay = CallPolicy.RETRY_DELAY_MS, jitter = CallPolicy.RETRY_JITTER_MS,
            abortOn = {RemoteRefusal.class, CircuitBreakerOpenException.class})
    TaskOrder taskOrder(@PathParam("projectId") UUID projectId, @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer);

    /** The part of a task order read here. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TaskOrder(String strategy) {
    }

    /** The part of a task page read here. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TaskPage(List<AnnotationClient.Task> items) {
    }
}
