package org.annotationlab.project.labelingconfig;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.annotationlab.events.outbox.Outbox;
import org.annotationlab.events.project.LabelingConfigChanged;
import org.annotationlab.project.config.ProjectServiceConfig;
import org.annotationlab.project.project.Project;
import org.annotationlab.project.registry.ModelRegistryView;
import org.annotationlab.web.problem.Problem;
import org.annotationlab.web.problem.ProblemException;
import org.jboss.logging.Logger;

/**
 * Validates and stores labeling configs. A config is accepted only if it parses safely and every
 * {@code model} it names is a known model (DESIGN.md §3); otherwise 422 naming label and model.
 */
@ApplicationScoped
public class LabelingConfigService {

    private static final Logger LOG = Logger.getLogger(LabelingConfigService.class);

    private final LabelingConfigParser parser;
    private final ModelRegistryView registry;
    private final Outbox outbox;

    LabelingConfigService(ProjectServiceConfig config, ModelRegistryView registry, Outbox outbox) {
        this.parser = new LabelingConfigParser(config.labelingConfig().maxBytes(), config.labelingConfig().maxLabels());
        this.registry = registry;
        this.outbox = outbox;
    }

    /** Parses and checks model bindings; stores nothing (the frontend's preview pane). */
    public Uni<LabelingConfig> validate(String xml) {
        LabelingConfig config = parser.parse(xml);
        List<String> models = config.labels().stream().map(LabelingConfig.Label::model)
                .filter(m -> m != null).distinct().toList();
        return registry.unknown(models).map(unknown -> {
            if (!unknown.isEmpty()) {
                throw unknownModels(config, unknown);
            }
            return config;
        });
    }

    @WithSession
    public Uni<LabelingConfigView> get(UUID projectId) {
        return project(projectId).map(p -> {
            if (p.labelingConfig == null) {
                throw ProblemException.notFound("labeling config of project " + projectId);
            }
            return LabelingConfigView.of(parser.parse(p.labelingConfig), p.labelingConfig);
        });
    }

    @WithTransaction
    public Uni<LabelingConfigView> replace(UUID projectId, String xml) {
        return validate(xml).flatMap(config -> project(projectId)
                .flatMap(p -> store(p, config, xml))
                .replaceWith(LabelingConfigView.of(config, xml)));
    }

    /**
     * DESIGN.md §3's rewrite when a newly trained model is deployed: every label not bound to a
     * pretrained model is bound to {@code model}. Validated and published like any config change.
     */
    @WithTransaction
    public Uni<LabelingConfigView> bindAllButPretrained(UUID projectId, String model) {
        return current(projectId).flatMap(current -> {
            LabelingConfig parsed = parser.parse(current.labelingConfig);
            List<String> bound = parsed.labels().stream().map(LabelingConfig.Label::model).filter(m -> m != null).toList();
            return registry.pretrained(bound).flatMap(pretrained -> {
                java.util.Map<String, String> changes = new java.util.LinkedHashMap<>();
                parsed.labels().stream().filter(l -> l.model() == null || !pretrained.contains(l.model()))
                        .forEach(l -> changes.put(l.value(), model));
                return rebind(current, changes);
            });
        });
    }

    /** Binds one label to {@code model}, or unbinds it ({@code null}); 404 for a label the config lacks. */
    @WithTransaction
    public Uni<LabelingConfigView> bindLabel(UUID projectId, String label, String model) {
        return current(projectId).flatMap(current -> {
            if (parser.parse(current.labelingConfig).labels().stream().noneMatch(l -> l.value().equals(label))) {
                throw ProblemException.notFound("label " + label + " in the labeling config of project " + projectId);
            }
            java.util.Map<String, String> changes = new java.util.HashMap<>();
            changes.put(label, model);
            return rebind(current, changes);
        });
    }

    private Uni<LabelingConfigView> rebind(Project project, java.util.Map<String, String> changes) {
        String xml = parser.rebind(project.labelingConfig, changes);
        return validate(xml).flatMap(config -> store(project, config, xml).replaceWith(LabelingConfigView.of(config, xml)));
    }

    private static Uni<Project> current(UUID projectId) {
        return project(projectId).invoke(p -> {
            if (p.labelingConfig == null) {
                throw ProblemException.notFound("labeling config of project " + projectId);
            }
        });
    }

    /** Sets the config of a project inside the caller's transaction and publishes the change. */
    public Uni<Void> store(Project project, LabelingConfig config, String xml) {
        project.labelingConfig = xml;
        project.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        List<LabelingConfigChanged.LabelBinding> bindings = config.labels().stream()
                .map(l -> new LabelingConfigChanged.LabelBinding(l.value(), l.model())).toList();
        return outbox.append(new LabelingConfigChanged(project.id, bindings, xml))
                .invoke(() -> LOG.infof("project %s: labeling config set, labels %s", project.id, config.labelValues()))
                .replaceWithVoid();
    }

    private static Uni<Project> project(UUID projectId) {
        return Project.<Project>findById(projectId).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("project " + projectId));
    }

    private static LabelingConfigException unknownModels(LabelingConfig config, java.util.Set<String> unknown) {
        List<Problem.FieldError> errors = config.labels().stream()
                .filter(l -> l.model() != null && unknown.contains(l.model()))
                .sorted(Comparator.comparing(LabelingConfig.Label::value))
                .map(l -> new Problem.FieldError("Label[value=" + l.value() + "].model",
                        "label " + l.value() + " is bound to model " + l.model()
                                + ", which is not in the model registry"))
                .toList();
        return new LabelingConfigException("UNKNOWN_MODEL", errors);
    }

    /** A labeling config as the API shows it: labels with their bound models, and the XML. */
    public record LabelingConfigView(List<LabelingConfig.Label> labels, String config) {
        static LabelingConfigView of(LabelingConfig parsed, String xml) {
            return new LabelingConfigView(parsed.labels(), xml);
        }
    }
}
