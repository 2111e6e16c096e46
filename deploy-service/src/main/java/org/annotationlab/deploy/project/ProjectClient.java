package org.annotationlab.deploy.project;

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
import java.util.UUID;
import org.annotationlab.deploy.config.DeployConfig;
import org.annotationlab.events.project.LabelingConfigChanged.LabelBinding;
import org.annotationlab.web.client.ServiceToken;

/**
 * deploy-service's questions to the owner of labeling configs, project-service, with the
 * service's own token (blocking):
 * <ul>
 * <li>{@code GET /projects/{id}/labeling-config}: the bindings as saved now, which the Deploy
 * button deploys (not the event-fed view, which lags the save by about a second);</li>
 * <li>{@code POST /projects/{id}/labeling-config/model-bindings}: the one path by which
 * deploy-service changes a labeling config, after a training (DESIGN.md §3: the labels the new
 * model predicts, unless bound to a pretrained model, get it); validated, stored and published
 * by project-service.</li>
 * </ul>
 */
@ApplicationScoped
public class ProjectClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String baseUrl;
    private final ServiceToken token;

    ProjectClient(DeployConfig config, ServiceToken token) {
        this.baseUrl = config.projectUrl().replaceAll("/+$", "");
        this.token = token;
    }

    /** The project's bindings as saved now; a 404 when the project or its config is gone. */
    public Result bindings(UUID projectId) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(projectId)).GET());
    }

    /** Binds the labels {@code model} predicts (those not on a pretrained model) to it; the resulting bindings, or why not. */
    public Result bindAllButPretrained(UUID projectId, String model) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(uri(projectId) + "/model-bindings"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(java.util.Map.of("model", model)))));
    }

    private URI uri(UUID projectId) {
        return URI.create(baseUrl + "/projects/" + projectId + "/labeling-config");
    }

    private Result send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpRequest request = builder.header("Authorization", token.bearer()).timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        if (response.statusCode() != 200) {
            return new Result(response.statusCode(), body.path("reason").asText("HTTP_" + response.statusCode()),
                    body.path("detail").asText(response.body()), List.of(), List.of());
        }
        List<LabelBinding> bindings = new ArrayList<>();
        body.path("labels").forEach(label -> bindings.add(new LabelBinding(label.path("value").asText(),
                label.path("model").isNull() || label.path("model").isMissingNode() ? null : label.path("model").asText())));
        List<String> notPredicted = new ArrayList<>();
        body.path("notPredicted").forEach(label -> notPredicted.add(label.asText()));
        return new Result(200, null, null, bindings, notPredicted);
    }

    /**
     * project-service's answer: 200 with the bindings (and, after a rebinding, the labels the model
     * does not predict, which kept their binding), or its status, reason and detail.
     */
    public record Result(int status, String reason, String detail, List<LabelBinding> bindings, List<String> notPredicted) {
        public boolean ok() {
            return status == 200;
        }
    }
}
