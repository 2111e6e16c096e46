package org.annotationlab.deploy.registry;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.annotationlab.deploy.config.DeployConfig;
import org.annotationlab.events.deployment.ModelRegistered;
import org.annotationlab.events.outbox.Outbox;
import org.annotationlab.web.persistence.JsonColumns;
import org.annotationlab.events.training.TrainingSucceeded;
import org.jboss.logging.Logger;

/**
 * The model registry: every model a training run produced ({@code TrainingSucceeded}) and the
 * configured pretrained catalog. Each new or changed entry is announced with {@code ModelRegistered}
 * on {@code lab.deployments}, from which project-service validates labeling-config bindings.
 */
@ApplicationScoped
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

    private final Outbox outbox;
    private final DeployConfig config;

    ModelRegistry(Outbox outbox, DeployConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    /** Registers a trained model, inside the caller's transaction; a redelivered event changes nothing. */
    public Uni<RegisteredModel> register(TrainingSucceeded trained) {
        return RegisteredModel.<RegisteredModel>findById(trained.modelName()).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(existing);
            }
            RegisteredModel model = new RegisteredModel();
            model.name = trained.modelName();
            model.projectId = trained.projectId();
            model.labels = String.join(",", trained.labels());
            model.pretrained = false;
            model.path = trained.modelPath();
            model.version = trained.version();
            model.runId = trained.runId();
            model.metrics = JsonColumns.write(trained.metrics());
            model.datasetSize = trained.datasetSize();
            model.datasetSha256 = trained.datasetSha256();
            model.trainedAt = trained.trainedAt();
            model.registeredAt = Instant.now();
            return model.<RegisteredModel>persist()
                    .call(m -> outbox.append(new ModelRegistered(m.projectId, m.name, m.labelList(), false)))
                    .invoke(m -> LOG.infof("registered %s (project %s, labels %s)", m.name, m.projectId, m.labels));
        });
    }

    /** Enters the configured pretrained models at startup (new or changed ones are announced). */
    void catalog(@Observes StartupEvent startup) throws Throwable {
        Map<String, DeployConfig.Pretrained> catalog = config.pretrained();
        if (catalog.isEmpty()) {
            return;
        }
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Multi.createFrom().iterable(catalog.entrySet())
                .onItem().transformToUniAndConcatenate(entry -> pretrained(entry.getKey(), entry.getValue()))
                .collect().last()));
    }

    private Uni<Void> pretrained(String name, DeployConfig.Pretrained entry) {
        String labels = String.join(",", entry.labels());
        String path = Path.of(config.modelStorePath()).resolve(entry.path()).toAbsolutePath().normalize().toString();
        return RegisteredModel.<RegisteredModel>findById(name).flatMap(existing -> {
            if (existing != null && existing.pretrained && labels.equals(existing.labels) && path.equals(existing.path)) {
                return Uni.createFrom().voidItem();
            }
            RegisteredModel model = existing != null ? existing : new RegisteredModel();
            model.name = name;
            model.labels = labels;
            model.pretrained = true;
            model.path = path;
            model.registeredAt = Instant.now();
            return model.persist().chain(() -> outbox.append(new ModelRegistered(null, name, List.copyOf(entry.labels()), true)))
                    .invoke(() -> LOG.infof("pretrained model %s (labels %s) at %s", name, labels, path)).replaceWithVoid();
        });
    }
}
