package org.annotationlab.preannotation.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.annotationlab.preannotation.config.PreannotationConfig;
import org.annotationlab.web.client.ServiceToken;
import org.annotationlab.web.problem.ProblemException;

/**
 * training-service, which holds each project's busy state (DESIGN.md §9): a run leases the project
 * before it starts, so a training and a pre-annotation never both start. Blocking, with this
 * service's own token; training-service's refusal is passed on as it came (409 with its reason).
 */
@ApplicationScoped
public class TrainingClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String trainingUrl;
    private final ServiceToken token;

    TrainingClient(PreannotationConfig config, ServiceToken token) {
        this.trainingUrl = config.trainingUrl().replaceAll("/+$", "");
        this.token = token;
    }

    /** Leases the project for run {@code runId}; a problem (409 while it trains) when refused. */
    public void lease(UUID projectId, UUID runId) {
        send(projectId, runId, "PUT");
    }

    /** Gives back the lease of a run that did not start (nothing when there is none). */
    public void release(UUID projectId, UUID runId) {
        send(projectId, runId, "DELETE");
    }

    /** The run is stored: its lease holds until the run's PreannotationCompleted. */
    public void confirm(UUID projectId, UUID runId) {
        send(projectId, runId + "/confirmation", "POST");
    }

    private void send(UUID projectId, Object lease, String method) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(trainingUrl + "/projects/" + projectId
                        + "/preannotation-leases/" + lease))
                .header("Authorization", token.bearer()).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unavailable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
        if (response.statusCode() / 100 == 2) {
            return;
        }
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (IOException e) {
            body = json.createObjectNode();
        }
        if (response.statusCode() == 409 || response.statusCode() == 404) {
            throw new ProblemException(response.statusCode(), body.path("reason").asText("TRAINING_IN_PROGRESS"),
                    body.path("detail").asText("the project is busy"));
        }
        throw unavailable("it answered " + response.statusCode() + ": " + body.path("detail").asText(response.body()));
    }

    private static ProblemException unavailable(String why) {
        return new ProblemException(503, "TRAINING_SERVICE_UNAVAILABLE", "training-service, which decides whether the "
                + "project is busy training, could not be asked (" + why + "); try again");
    }
}
