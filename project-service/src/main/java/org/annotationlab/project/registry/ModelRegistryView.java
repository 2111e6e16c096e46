package org.annotationlab.project.registry;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.annotationlab.events.deployment.ModelRegistered;
import org.annotationlab.project.config.ProjectServiceConfig;

/**
 * Which model names exist: the pretrained models of the configuration plus every model deploy-service
 * has registered. Labeling configs may only bind labels to these.
 */
@ApplicationScoped
public class ModelRegistryView {

    private final ProjectServiceConfig config;

    ModelRegistryView(ProjectServiceConfig config) {
        this.config = config;
    }

    /** The names among {@code names} that are not known models. */
    @WithSession
    public Uni<Set<String>> unknown(Collection<String> names) {
        Set<String> missing = new HashSet<>(names);
        missing.removeAll(config.pretrainedModels().keySet());
        if (missing.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return KnownModel.<KnownModel>list("name in ?1", List.copyOf(missing))
                .map(found -> {
                    found.forEach(model -> missing.remove(model.name));
                    return missing;
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
