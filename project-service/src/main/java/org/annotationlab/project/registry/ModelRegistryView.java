package org.annotationlab.project.registry;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.annotationlab.events.deployment.ModelRegistered;
import org.annotationlab.project.config.ProjectServiceConfig;

/**
 * Which models a project's labeling config may bind, and the labels each predicts: the pretrained
 * models of the configuration, the pretrained catalog deploy-service registered, and the project's
 * own trained models (never another project's). Kept from deploy-service's {@code ModelRegistered};
 * a registration is a fact that never changes, so the only lag is a model not known yet, which is
 * refused and may be asked again.
 */
@ApplicationScoped
public class ModelRegistryView {

    private final ProjectServiceConfig config;

    ModelRegistryView(ProjectServiceConfig config) {
        this.config = config;
    }

    /**
     * The models among {@code names} that project {@code projectId} may bind (only pretrained ones
     * when it is null: a project being created has no models yet), each with the labels it predicts.
     */
    @WithSession
    public Uni<Map<String, List<String>>> usable(UUID projectId, Collection<String> names) {
        Map<String, List<String>> usable = new HashMap<>();
        names.stream().filter(config.pretrainedModels()::containsKey)
                .forEach(name -> usable.put(name, config.pretrainedModels().get(name)));
        Set<String> rest = new HashSet<>(names);
        rest.removeAll(usable.keySet());
        if (rest.isEmpty()) {
            return Uni.createFrom().item(usable);
        }
        return KnownModel.<KnownModel>list("name in ?1", List.copyOf(rest)).map(found -> {
            found.stream().filter(model -> model.pretrained || (projectId != null && projectId.equals(model.projectId)))
                    .forEach(model -> usable.put(model.name, model.labelList()));
            return usable;
        });
    }

    /** The names among {@code names} that are pretrained models (configured, or registered as pretrained). */
    @WithSession
    public Uni<Set<String>> pretrained(Collection<String> names) {
        Set<String> pretrained = new HashSet<>(names);
        pretrained.retainAll(config.pretrainedModels().keySet());
        if (names.isEmpty()) {
            return Uni.createFrom().item(pretrained);
        }
        return KnownModel.<KnownModel>list("name in ?1 and pretrained = true", List.copyOf(names))
                .map(found -> {
                    found.forEach(model -> pretrained.add(model.name));
                    return pretrained;
                });
    }

    /** Records a registration; a re-registration of the same name refreshes its labels. */
    public Uni<Void> record(ModelRegistered event) {
        return KnownModel.<KnownModel>findById(event.name()).flatMap(existing -> {
            KnownModel model = existing != null ? existing : new KnownModel();
            model.name = event.name();
            model.projectId = event.projectId();
            model.labels = String.join(",", event.labels());
            model.pretrained = event.pretrained();
            model.registeredAt = OffsetDateTime.now(ZoneOffset.UTC);
            return model.persist();
        }).replaceWithVoid();
    }
}
