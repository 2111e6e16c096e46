package org.annotationlab.deploy.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
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
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * project-service as deploy-service calls it ({@code lab.deploy.project-url}): each call answers
 * within 30 s and has its circuit breaker ({@link CallPolicy}); only the GET is retried. Answers of
 * 400 or more arrive as {@link org.annotationlab.web.client.RemoteProblem}s. Use {@link ProjectClient}.
 */
@Path("/projects/{projectId}/labeling-config")
@RegisterRestClient(configKey = "project-service")
@RegisterProvider(RemoteProblems.class)
@Produces(MediaType.APPLICATION_JSON)
@Timeout(value = 30, unit = ChronoUnit.SECONDS)
@CircuitBreaker(requestVolumeThreshold = CallPolicy.CIRCUIT_WINDOW, failureRatio = CallPolicy.CIRCUIT_FAILURE_RATIO,
        delay = CallPolicy.CIRCUIT_DELAY_S, delayUnit = ChronoUnit.SECONDS, skipOn = RemoteRefusal.class)
interface ProjectRestClient {

    /** The labeling config as saved now; 404 when the project or its config is gone. */
    @GET
    @Retry(maxRetries = CallPolicy.RETRIES, delay = CallPolicy.RETRY_DELAY_MS, jitter = CallPolicy.RETRY_JITTER_MS,
            abortOn = {RemoteRefusal.class, CircuitBreakerOpenException.class})
    LabelingConfig labelingConfig(@PathParam("projectId") UUID projectId, @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer);

    /**
     * Binds the labels {@code model} predicts, but those bound to a pretrained model, to it. A POST
     * without an Idempotency-Key: never retried here (the deploy request is tried again later).
     */
    @POST
    @Path("/model-bindings")
    @Consumes(MediaType.APPLICATION_JSON)
    LabelingConfig bindModel(@PathParam("projectId") UUID projectId, ModelBinding binding,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer);

    /** The body of a rebinding. */
    record ModelBinding(String model) {
    }

    /** The part of project-service's labeling-config view read here. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record LabelingConfig(List<Label> labels, List<String> notPredicted) {
    }

    /** A label and the model it is bound to (null: none). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Label(String value, String model) {
    }
}
