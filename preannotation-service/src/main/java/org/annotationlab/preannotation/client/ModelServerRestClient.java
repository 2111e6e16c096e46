package org.annotationlab.preannotation.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.rest.client.reactive.Url;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.annotationlab.web.client.RemoteProblems;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * A project's model server ({@code nlp-runner serve}), at the address each call names: the
 * project's serving endpoint as it is then ({@code baseUri} is never used). Answers within 5
 * minutes; not retried and without a circuit breaker here, because the run itself waits for a
 * server that does not answer and follows it to a new address (see the run's
 * {@code BatchPredictor}). Use {@link ModelServerClient}.
 */
@Path("/predict")
@RegisterRestClient(configKey = "model-server", baseUri = "http://serving-endpoint.invalid")
@RegisterProvider(RemoteProblems.class)
interface ModelServerRestClient {

    /** The spans of every requested model for each text, in input order. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 5, unit = ChronoUnit.MINUTES)
    Predictions predict(@Url String endpoint, Texts texts);

    /** The texts to predict and the models to run (the deployment's). */
    record Texts(List<String> texts, List<String> models) {
    }

    /** One result per text, in input order. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Predictions(List<ModelServerClient.TextSpans> results) {
    }
}
