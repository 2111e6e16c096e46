package org.annotationlab.project.labelingconfig;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
 * {@code model} it names is a model the project may use (its own or pretrained) that predicts the
 * label bound to it (DESIGN.md §3); otherwise 422 naming label and model.
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

    /**
     * Parses and checks model bindings for project {@code projectId} (null: a project being
     * created); stores nothing (the frontend's preview pane). Every bound model must be one the
     * project may use and must predict the label bound to it.
     */
    public Uni<LabelingConfig> validate(UUID projectId, String xml) {
        LabelingConfig config = parser.parse(xml);
        List<String> models = config.labels().stream().map(LabelingConfig.Label::model)
                .filter(m -> m != null).distinct().toList();
        return registry.usable(projectId, models).map(usable -> {
            LabelingConfigException wrong = wrongBindings(config, usable);
            if (wrong != null) {
                throw wrong;
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
        return validate(projectId, xml).flatMap(config -> project(projectId)
                .flatMap(p -> store(p, config, xml))
                .replaceWith(LabelingConfigView.of(config, xml)));
    }

    /**
     * DESIGN.md §3's rewrite when a newly trained model is deployed: every label it predicts that
     * is not bound to a pretrained model is bound to {@code model}; the labels it does not predict
     * keep their binding and are named in the answer. Validated and published like any config change.
     */
    @WithTransaction
    public Uni<LabelingConfigView> bindAllButPretrained(UUID projectId, String model) {
        return current(projectId).flatMap(current -> {
            LabelingConfig parsed = parser.parse(current.labelingConfig);
            List<String> bound = parsed.labels().stream().map(LabelingConfig.Label::model).filter(m -> m != null).toList();
            List<String> asked = new ArrayList<>(bound);
            asked.add(model);
            return registry.usable(projectId, asked).flatMap(usable -> {
                if (!usable.containsKey(model)) {
                    throw new LabelingConfigException("UNKNOWN_MODEL", List.of(new Problem.FieldError("model",
                            "model " + model + " is not a model of this project or of the pretrained catalog")));
                }
                List<String> predicted = usable.get(model);
                return registry.pretrained(bound).flatMap(pretrained -> {
                    Map<String, String> changes = new java.util.LinkedHashMap<>();
                    List<String> notPredicted = new ArrayList<>();
                    parsed.labels().stream().filter(l -> l.model() == null || !pretrained.contains(l.model()))
                            .forEach(l -> {
                                if (predicted.contains(l.value())) {
                                    changes.put(l.value(), model);
                                    return;
                                }
                                notPredicted.add(l.value());
                                // A binding saved before the rules of DESIGN.md §3 were checked (another
                                // project's model, or one that does not predict the label) is dropped
                                // rather than blocking every rewrite.
                                List<String> predicts = l.model() == null ? null : usable.get(l.model());
                                if (l.model() != null && (predicts == null || !predicts.contains(l.value()))) {
                                    changes.put(l.value(), null);
                                }
                            });
                    return rebind(current, changes).map(view -> view.withNotPredicted(notPredicted));
                });
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
        return validate(project.id, xml).flatMap(config -> store(project, config, xml).replaceWith(LabelingConfigView.of(config, xml)));
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

    /**
     * The bindings a project may not have, each named by label and model: a model it may not use
     * (UNKNOWN_MODEL: another project's model is answered the same way, so it reveals nothing) or a
     * model that does not predict the label (LABEL_NOT_PREDICTED); null when every binding is right.
     */
    private static LabelingConfigException wrongBindings(LabelingConfig config, Map<String, List<String>> usable) {
        List<Problem.FieldError> unknown = new ArrayList<>();
        List<Problem.FieldError> notPredicted = new ArrayList<>();
        config.labels().stream().filter(l -> l.model() != null)
                .sorted(Comparator.comparing(LabelingConfig.Label::value))
                .forEach(l -> {
                    String field = "Label[value=" + l.value() + "].model";
                    List<String> predicts = usable.get(l.model());
                    if (predicts == null) {
                        unknown.add(new Problem.FieldError(field, "label " + l.value() + " is bound to model " + l.model()
                                + ", which is not a model of this project or of the pretrained catalog"));
                    } else if (!predicts.contains(l.value())) {
                        notPredicted.add(new Problem.FieldError(field, "label " + l.value() + " is bound to model "
                                + l.model() + ", which does not predict " + l.value() + " (it predicts "
                                + String.join(", ", predicts) + ")"));
                    }
                });
        if (!unknown.isEmpty()) {
            List<Problem.FieldError> all = new ArrayList<>(unknown);
            all.addAll(notPredicted);
            return new LabelingConfigException("UNKNOWN_MODEL", all);
        }
        return notPredicted.isEmpty() ? null : new LabelingConfigException("LABEL_NOT_PREDICTED", notPredicted);
    }

    /**
     * A labeling config as the API shows it: labels with their bound models, and the XML; after a
     * rewrite for a new model, also the labels that model does not predict (they kept their binding).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LabelingConfigView(List<LabelingConfig.Label> labels, String config, List<String> notPredicted) {
        static LabelingConfigView of(LabelingConfig parsed, String xml) {
            return new LabelingConfigView(parsed.labels(), xml, null);
        }

        LabelingConfigView withNotPredicted(List<String> labels) {
            return new LabelingConfigView(this.labels, config, List.copyOf(labels));
        }
    }
}
