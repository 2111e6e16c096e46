package org.annotationlab.training.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.annotationlab.web.client.CallPolicy;
import org.annotationlab.web.client.RemoteProblems;
import org.annotationlab.web.client.RemoteRefusal;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * annotation-service as training-service calls it ({@code lab.training.annotation-url}): three GETs,
 * each retried per {@link CallPolicy}, behind one circuit breaker per method. Answers of 400 or
 * more arrive as {@link org.annotationlab.web.client.RemoteProblem}s. Use {@link AnnotationClient}.
 */
@Path("/projects/{projectId}")
@RegisterRestClient(configKey = "annotation-service")
@RegisterProvider(RemoteProblems.class)
@CircuitBreaker(requestVolumeThreshold = CallPolicy.CIRCUIT_WINDOW, failureRatio = CallPolicy.CIRCUIT_FAILURE_RATIO,
        delay = CallPolicy.CIRCUIT_DELAY_S, delayUnit = ChronoUnit.SECONDS, skipOn = RemoteRefusal.class)
interface AnnotationRestClient {

    /**
     * The selected training set as CoNLL (DESIGN.md §4), streamed: the body is read from the
     * response and never held in memory. Its headers (the counts) may take long on a large project:
     * up to 30 minutes; an attempt that took that long is not repeated.
     */
    @GET
    @Path("/training-set")
    @Produces(MediaType.TEXT_PLAIN)
    @Timeout(value = 30, unit = ChronoUnit.MINUTES)
    @Retry(maxRetries = CallPolicy.RETRIES, delay = CallPolicy.RETRY_DELAY_MS, jitter = CallPolicy.RETRY_JITTER_MS,
            abortOn = {RemoteRefusal.class, CircuitBreakerOpenException.class, TimeoutException.class})
    Response trainingSet(@PathParam("projectId") UUID projectId, @QueryParam("format") String format,
            @QueryParam("tags") String tags, @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer);

    /** The test set (DESIGN.md §4), streamed as the training set is. */
    @GET
    @Path("/test-set")
    @Produces({"application/x-ndjson", MediaType.TEXT_PLAIN})
    @Timeout(value = 30, unit = ChronoUnit.MINUTES)
    @Retry(maxRetries = CallPolicy.RETRIES, delay = CallPolicy.RETRY_DELAY_MS, jitter = CallPolicy.RETRY_JITTER_MS,
            abortOn = {RemoteRefusal.class, CircuitBreakerOpenException.class, TimeoutException.class})
    Response testSet(@PathParam("projectId") UUID projectId, @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer);

    /** One page of the project's tasks, in import order. */
    @GET
    @Path("/tasks")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 2, unit = ChronoUnit.MINUTES)
    @Retry(maxRetries = CallPolicy.RETRIES, delay = CallPolicy.RETRY_DELAY_MS, jitter = CallPolicy.RETRY_JITTER_MS,
            abortOn = {RemoteRefusal.class, CircuitBreakerOpenException.class})
    TaskPage tasks(@PathParam("projectId") UUID projectId, @QueryParam("page") int page, @QueryParam("size") int size,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer);

    /** The part of a task page read here. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TaskPage(List<Task> items) {
    }

    /** The part of a task read here. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Task(String text, List<String> tags) {
    }
}
