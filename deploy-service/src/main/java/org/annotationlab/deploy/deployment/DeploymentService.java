package org.annotationlab.deploy.deployment;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.deploy.client.ProjectClient;
import org.annotationlab.deploy.project.ProjectConfig;
import org.annotationlab.deploy.registry.RegisteredModel;
import org.annotationlab.events.deployment.DeploymentCompleted;
import org.annotationlab.events.deployment.DeploymentFailed;
import org.annotationlab.events.deployment.DeploymentStarted;
import org.annotationlab.events.outbox.Outbox;
import org.annotationlab.training.contract.RunFiles;
import org.annotationlab.web.idempotency.Idempotent;
import org.annotationlab.web.Blocking;
import org.annotationlab.web.client.RemoteFailures;
import org.annotationlab.web.client.RemoteProblem;
import org.annotationlab.events.project.LabelingConfigChanged.LabelBinding;
import org.annotationlab.web.problem.Problem;
import org.annotationlab.web.problem.ProblemException;
import org.jboss.logging.Logger;

/**
 * Starts deployments and records how they end, each with its event (outbox). A deployment's
 * models are the distinct models the project's labeling config binds; every one must be in the
 * registry, have its files in the model store and predict the labels bound to it, or the request
 * is refused (422 naming each label) and nothing changes. One deployment per project at a time.
 */
@ApplicationScoped
public class DeploymentService {

    private static final Logger LOG = Logger.getLogger(DeploymentService.class);

    private final Outbox outbox;
    private final ProjectClient projects;

    DeploymentService(Outbox outbox, ProjectClient projects) {
        this.outbox = outbox;
        this.projects = projects;
    }

    /**
     * The Deploy button: deploys the bindings as project-service has them saved at this moment
     * (DESIGN.md §9: asked of the owner, not read from the event-fed view, so a Deploy pressed
     * right after a binding was saved deploys that binding). Called on the request's event loop;
     * the blocking question runs on a worker and the transaction back on the request's context.
     */
    public Uni<Deployment> deployCurrent(UUID projectId, String requestedBy, Idempotent<Deployment> answer) {
        return Blocking.offload(() -> savedBindings(projectId))
                .chain(saved -> deploy(projectId, saved, "MANUAL", requestedBy, null, answer));
    }

    private List<LabelBinding> savedBindings(UUID projectId) {
        try {
            return projects.bindings(projectId).labels();
        } catch (RemoteProblem answer) {
            // The project or its labeling config is gone; without a config nothing is bound.
            if (answer.status() == 404 && answer.detail().contains("labeling config")) {
                return List.of();
            }
            if (answer.status() == 404) {
                throw ProblemException.notFound("project " + projectId);
            }
            throw new ProblemException(503, "PROJECT_SERVICE_UNAVAILABLE", "project-service " + answer.getMessage());
        } catch (RuntimeException e) {
            throw new ProblemException(503, "PROJECT_SERVICE_UNAVAILABLE",
                    "project-service, which holds the labeling config, did not answer: " + RemoteFailures.describe(e));
        }
    }

    /**
     * A PENDING deployment of the models {@code bindings} name, as project-service just answered
     * them, inside a new transaction.
     */
    public Uni<Deployment> deploy(UUID projectId, List<LabelBinding> bindings, String trigger, String requestedBy) {
        return deploy(projectId, bindings, trigger, requestedBy, null);
    }

    /** The same, with a note kept on the deployment (e.g. the labels a rebinding left alone). */
    public Uni<Deployment> deploy(UUID projectId, List<LabelBinding> bindings, String trigger, String requestedBy,
            String note) {
        return deploy(projectId, bindings, trigger, requestedBy, note, Idempotent.none());
    }

    /** The same, storing the request's answer with the deployment when it is retryable. */
    public Uni<Deployment> deploy(UUID projectId, List<LabelBinding> bindings, String trigger, String requestedBy,
            String note, Idempotent<Deployment> answer) {
        return Panache.withTransaction(() -> ProjectConfig.lock(projectId).flatMap(project -> {
            if (project.deleted) {
                throw ProblemException.notFound("project " + projectId);
            }
            // project-service just answered with these: the view is current at once, not only
            // when its LabelingConfigChanged arrives.
            project.bindings(bindings);
            List<LabelBinding> chosen = bindings;
            return Deployment.<Deployment>find("projectId = ?1 and state = ?2", projectId, Deployment.State.PENDING)
                    .firstResult().flatMap(pending -> {
                        if (pending != null) {
                            throw ProblemException.conflict("DEPLOYMENT_IN_PROGRESS",
                                    "deployment " + pending.number + " of this project is still PENDING");
                        }
                        return models(projectId, chosen);
                    })
                    .flatMap(models -> create(projectId, models, trigger, requestedBy))
                    .invoke(d -> d.message = note)
                    .call(answer::record);
        }));
    }

    /**
     * The registered models the bindings name, each with the labels bound to it (the only labels
     * it contributes), checked: the model is this project's or pretrained, its files exist, it
     * predicts every label bound to it. 422 naming every offending label.
     */
    private static Uni<List<Deployment.DeployedModel>> models(UUID projectId, List<LabelBinding> bindings) {
        Map<String, List<String>> labelsByModel = new LinkedHashMap<>();
        bindings.stream().filter(b -> b.model() != null)
                .forEach(b -> labelsByModel.computeIfAbsent(b.model(), m -> new ArrayList<>()).add(b.label()));
        if (labelsByModel.isEmpty()) {
            throw new ProblemException(422, "NO_MODELS", "no label of the labeling config is bound to a model; bind one "
                    + "(PUT /projects/{id}/labels/{label}/model) or train with deploy: true");
        }
        return RegisteredModel.<RegisteredModel>list("name in ?1", List.copyOf(labelsByModel.keySet())).map(found -> {
            Map<String, RegisteredModel> byName = new LinkedHashMap<>();
            found.forEach(m -> byName.put(m.name, m));
            List<Problem.FieldError> errors = new ArrayList<>();
            String reason = null;
            List<Deployment.DeployedModel> models = new ArrayList<>();
            for (Map.Entry<String, List<String>> entry : labelsByModel.entrySet()) {
                RegisteredModel model = byName.get(entry.getKey());
                String field = "Label[value=" + entry.getValue().get(0) + "].model";
                if (model == null || !model.usableIn(projectId)) {
                    // Another project's model is answered like an unknown one: it does not reveal the project.
                    errors.add(new Problem.FieldError(field, "model " + entry.getKey() + " is not a model of this "
                            + "project or of the pretrained catalog"));
                    reason = reason == null ? "UNKNOWN_MODEL" : reason;
                    continue;
                }
                if (!hasModelFiles(model.path)) {
                    errors.add(new Problem.FieldError(field, "the files of model " + model.name + " are gone from "
                            + model.path));
                    reason = reason == null ? "MODEL_FILES_MISSING" : reason;
                    continue;
                }
                for (String label : entry.getValue()) {
                    if (!model.labelList().contains(label)) {
                        errors.add(new Problem.FieldError("Label[value=" + label + "].model", "model " + model.name
                                + " does not predict " + label + " (it predicts " + model.labelList() + ")"));
                        reason = reason == null ? "LABEL_NOT_PREDICTED" : reason;
                    }
                }
                models.add(new Deployment.DeployedModel(model.name,
                        DeploymentStarted.DeployedModel.versionOf(model.pretrained ? null : model.version),
                        List.copyOf(entry.getValue()), model.path));
            }
            if (!errors.isEmpty()) {
                throw new ProblemException(422, reason, errors.size() == 1 ? errors.get(0).message()
                        : errors.size() + " labels cannot be deployed", errors);
            }
            return models;
        });
    }

    /** A training output folder (with {@code model/}) or a saved PipelineModel folder itself. */
    static boolean hasModelFiles(String path) {
        Path dir = Path.of(path);
        return Files.isDirectory(dir.resolve(RunFiles.MODEL).resolve("stages")) || Files.isDirectory(dir.resolve("stages"));
    }

    private Uni<Deployment> create(UUID projectId, List<Deployment.DeployedModel> models, String trigger, String by) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "select cast(coalesce(max(number), 0) + 1 as integer) from deployment where project_id = :p", Integer.class)
                .setParameter("p", projectId).getSingleResult())
                .flatMap(number -> {
                    Deployment deployment = new Deployment();
                    deployment.id = UUID.randomUUID();
                    deployment.projectId = projectId;
                    deployment.number = number;
                    deployment.state = Deployment.State.PENDING;
                    deployment.trigger = trigger;
                    deployment.requestedBy = by;
                    deployment.models(models);
                    deployment.createdAt = Instant.now();
                    return deployment.<Deployment>persist();
                })
                .call(d -> outbox.append(new DeploymentStarted(projectId, d.id, events(d), by)))
                .invoke(d -> LOG.infof("project %s: deployment %d of %s requested by %s", projectId, d.number,
                        d.paths().keySet(), by));
    }

    /** The deployment's server serves exactly its models, inside the caller's transaction. */
    public Uni<Void> ready(Deployment deployment) {
        deployment.state = Deployment.State.READY;
        deployment.finishedAt = Instant.now();
        return outbox.append(new DeploymentCompleted(deployment.projectId, deployment.id, events(deployment), deployment.endpoint))
                .invoke(() -> LOG.infof("project %s: deployment %d READY at %s", deployment.projectId, deployment.number,
                        deployment.endpoint))
                .replaceWithVoid();
    }

    /** The deployment failed; the project's previous list keeps serving. Inside the caller's transaction. */
    public Uni<Void> failed(Deployment deployment, String reason, String message) {
        deployment.state = Deployment.State.FAILED;
        deployment.reason = reason;
        deployment.message = message;
        deployment.finishedAt = Instant.now();
        return outbox.append(new DeploymentFailed(deployment.projectId, deployment.id, reason, message))
                .invoke(() -> LOG.infof("project %s: deployment %d FAILED: %s: %s", deployment.projectId, deployment.number,
                        reason, message))
                .replaceWithVoid();
    }

    /**
     * The project's serving deployment again, same models, because its server is gone (trigger
     * RESTORE); nothing when another deployment is pending or the project was deleted.
     */
    public Uni<Deployment> restore(Deployment serving) {
        return Panache.withTransaction(() -> ProjectConfig.lock(serving.projectId).flatMap(project -> {
            if (project.deleted) {
                return Uni.createFrom().nullItem();
            }
            return Deployment.<Deployment>find("projectId = ?1 and state = ?2", serving.projectId, Deployment.State.PENDING)
                    .firstResult().flatMap(pending -> pending != null ? Uni.createFrom().<Deployment>nullItem()
                            : create(serving.projectId, serving.modelList(), "RESTORE",
                                    "deploy-service (server of deployment " + serving.number + " was gone)"));
        }));
    }

    /** A deployment that could not even start (refused after a training): recorded FAILED so it is visible. */
    public Uni<Deployment> refused(UUID projectId, String trigger, String by, String reason, String message) {
        return Panache.withTransaction(() -> create(projectId, List.of(), trigger, by)
                .call(d -> failed(d, reason, message)));
    }

    private static List<DeploymentStarted.DeployedModel> events(Deployment deployment) {
        return deployment.modelList().stream().map(m -> new DeploymentStarted.DeployedModel(m.name(), m.version(), m.labels()))
                .toList();
    }

    /** The project's latest deployment and the one serving now, inside the caller's session; 404 NO_DEPLOYMENT before any. */
    public Uni<DeploymentView.Latest> latest(UUID projectId) {
        return Deployment.latest(projectId).flatMap(latest -> Deployment.serving(projectId).map(serving -> {
            if (latest == null) {
                throw new ProblemException(404, "NO_DEPLOYMENT", "project " + projectId + " has no deployment yet");
            }
            return new DeploymentView.Latest(DeploymentView.of(latest), serving == null ? null : DeploymentView.of(serving));
        }));
    }
}
