package org.annotationlab.deploy.client;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.annotationlab.events.project.LabelingConfigChanged.LabelBinding;
import org.annotationlab.web.client.ServiceToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * deploy-service's questions to the owner of labeling configs, project-service, with the
 * service's own token (blocking):
 * <ul>
 * <li>the bindings as saved now, which the Deploy button deploys (not the event-fed view, which
 * lags the save by about a second);</li>
 * <li>the one path by which deploy-service changes a labeling config, after a training (DESIGN.md
 * §3: the labels the new model predicts, unless bound to a pretrained model, get it); validated,
 * stored and published by project-service.</li>
 * </ul>
 * project-service's answers of 400 or more are thrown as
 * {@link org.annotationlab.web.client.RemoteRefusal} / {@link org.annotationlab.web.client.RemoteProblem};
 * any other exception means it could not be asked.
 */
@ApplicationScoped
public class ProjectClient {

    private final ProjectRestClient projects;
    private final ServiceToken token;

    ProjectClient(@RestClient ProjectRestClient projects, ServiceToken token) {
        this.projects = projects;
        this.token = token;
    }

    /** The project's bindings as saved now; a 404 ({@code RemoteRefusal}) when the project or its config is gone. */
    public Bindings bindings(UUID projectId) {
        return Bindings.of(projects.labelingConfig(projectId, token.bearer()));
    }

    /** Binds the labels {@code model} predicts (those not on a pretrained model) to it; the resulting bindings. */
    public Bindings bindAllButPretrained(UUID projectId, String model) {
        return Bindings.of(projects.bindModel(projectId, new ProjectRestClient.ModelBinding(model), token.bearer()));
    }

    /**
     * The labeling config's bindings and, after a rebinding, the labels the model does not
     * predict, which kept their binding.
     */
    public record Bindings(List<LabelBinding> labels, List<String> notPredicted) {

        static Bindings of(ProjectRestClient.LabelingConfig config) {
            List<LabelBinding> labels = config.labels() == null ? List.of()
                    : config.labels().stream().map(l -> new LabelBinding(l.value(), l.model())).toList();
            return new Bindings(labels, config.notPredicted() == null ? List.of() : config.notPredicted());
        }
    }
}
