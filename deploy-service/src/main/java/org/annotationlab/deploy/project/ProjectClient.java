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
 * The one path by which deploy-service changes a labeling config: project-service's
 * {@code POST /projects/{id}/labeling-config/model-bindings}, which applies DESIGN.md §3's rule
 * (labels not bound to a pretrained model get the new model), validates, stores and publishes
 * {@code LabelingConfigChanged}. Blocking, with the service's own token.
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

    /** Binds the project's non-pretrained labels to {@code model}; the resulting bindings, or why not. */
    public Result bindAllButPretrained(UUID projectId, String model) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/projects/" + projectId + "/labeling-config/model-bindings"))
                .header("Authorization", token.bearer()).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(java.util.Map.of("model", model)))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        if (response.statusCode() != 200) {
            return new Result(response.statusCode(), body.path("reason").asText("HTTP_" + response.statusCode()),
                    body.path("detail").asText(response.body()), List.of());
        }
        List<LabelBinding> bindings = new ArrayList<>();
        body.path("labels").forEach(label -> bindings.add(new LabelBinding(label.path("value").asText(),
                label.path("model").isNull() || label.path("model").isMissingNode() ? null : label.path("model").asText())));
        return new Result(200, null, null, bindings);
    }

    /** project-service's answer: 200 with the new bindings, or its status, reason and detail. */
    public record Result(int status, String reason, String detail, List<LabelBinding> bindings) {
        public boolean ok() {
            return status == 200;
        }
    }
}
