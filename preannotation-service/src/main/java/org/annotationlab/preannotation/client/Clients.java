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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.annotationlab.preannotation.config.PreannotationConfig;
import org.annotationlab.web.client.ServiceToken;

/**
 * The two services a run talks to, blocking: annotation-service (task texts in, predictions out,
 * with this service's own token) and the project's model server ({@code POST /predict}).
 */
@ApplicationScoped
public class Clients {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            // Plain HTTP/1.1: no h2c upgrade attempt on every connection to the JDK server of nlp-runner.
            .version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String annotationUrl;
    private final ServiceToken token;

    Clients(PreannotationConfig config, ServiceToken token) {
        this.annotationUrl = config.annotationUrl().replaceAll("/+$", "");
        this.token = token;
    }

    /** A task to pre-annotate. */
    public record Task(UUID id, String text) {
    }

    /**
     * Every task of the project (with {@code tag} when given), in annotation-service's order;
     * {@code listed} sees the tasks listed so far after each page.
     */
    public List<Task> tasks(UUID projectId, String tag, int max, Consumer<List<Task>> listed) throws IOException, InterruptedException {
        List<Task> tasks = new ArrayList<>();
        for (int page = 0; ; page++) {
            String url = annotationUrl + "/projects/" + projectId + "/tasks?size=500&page=" + page
                    + (tag == null ? "" : "&tag=" + java.net.URLEncoder.encode(tag, java.nio.charset.StandardCharsets.UTF_8));
            JsonNode body = send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", token.bearer()).GET(), 60);
            JsonNode rows = body.path("items");
            rows.forEach(t -> tasks.add(new Task(UUID.fromString(t.path("id").asText()), t.path("text").asText())));
            listed.accept(tasks);
            if (rows.size() < 500 || tasks.size() >= max) {
                return tasks;
            }
        }
    }

    /** The model server's spans for each text, in input order. */
    public JsonNode predict(String endpoint, List<String> texts, List<String> models) throws IOException, InterruptedException {
        String body = json.writeValueAsString(Map.of("texts", texts, "models", models));
        return send(HttpRequest.newBuilder(URI.create(endpoint.replaceAll("/+$", "") + "/predict"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), 300)
                .path("results");
    }

    /** Stores one model version's predictions (replacing that version's earlier ones for these tasks). */
    public void store(UUID projectId, Map<String, Object> batch) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(URI.create(annotationUrl + "/projects/" + projectId + "/predictions"))
                .header("Authorization", token.bearer()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(batch))), 120);
    }

    private JsonNode send(HttpRequest.Builder request, int timeoutSeconds) throws IOException, InterruptedException {
        HttpRequest built = request.timeout(Duration.ofSeconds(timeoutSeconds)).build();
        HttpResponse<String> response;
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException | java.net.http.HttpConnectTimeoutException e) {
            throw new Unavailable("cannot connect to " + built.uri().getHost() + ":" + built.uri().getPort(), e);
        }
        if (response.statusCode() / 100 != 2) {
            String detail = response.body();
            try {
                detail = json.readTree(response.body()).path("detail").asText(detail);
            } catch (IOException e) {
                // not JSON: keep the raw body
            }
            String message = built.method() + " " + built.uri().getPath() + " answered " + response.statusCode() + ": "
                    + detail.substring(0, Math.min(detail.length(), 300));
            throw response.statusCode() == 503 ? new Unavailable(message, null) : new IOException(message);
        }
        return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
    }

    /**
     * Nobody answers at the address, or the server says it is not ready (503): it may be
     * restarting, possibly elsewhere. Other failures are answers about the request itself.
     */
    public static final class Unavailable extends IOException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
