package org.annotationlab.deploy.gate;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.annotationlab.deploy.client.ProjectClient;
import org.annotationlab.deploy.deployment.Deployment;
import org.annotationlab.deploy.deployment.DeploymentService;
import org.annotationlab.deploy.project.ProjectConfig;
import org.annotationlab.deploy.registry.RegisteredModel;
import org.annotationlab.events.deployment.QualityGateDecided;
import org.annotationlab.events.outbox.Outbox;
import org.annotationlab.training.contract.Metrics;
import org.annotationlab.web.Blocking;
import org.annotationlab.web.client.RemoteFailures;
import org.annotationlab.web.client.RemoteProblem;
import org.annotationlab.web.idempotency.Idempotent;
import org.annotationlab.web.persistence.JsonColumns;
import org.annotationlab.web.problem.ProblemException;
import org.jboss.logging.Logger;

/**
 * Takes the quality gate's decision on a training run that asked to be deployed (DESIGN.md §6),
 * records it with its event, and deploys a refused model when a Manager says so.
 *
 * <p>The decision is taken on current state: under the project's row lock (which every deployment
 * of the project takes too), against the deployment serving now, and only when no deployment of
 * the project is PENDING (one could change what serves; the request waits for it). Deployments
 * become READY only on the scheduler's thread, the one that takes this decision and then deploys,
 * so what serves cannot change between the two.
 */
@ApplicationScoped
public class QualityGateService {

    private static final Logger LOG = Logger.getLogger(QualityGateService.class);

    private final Outbox outbox;
    private final ProjectClient projects;
    private final DeploymentService deployments;

    QualityGateService(Outbox outbox, ProjectClient projects, DeploymentService deployments) {
        this.outbox = outbox;
        this.projects = projects;
        this.deployments = deployments;
    }

    /**
     * The decision on run {@code runId}'s model: the one already recorded, or a new one, recorded
     * and published. 409 {@code DEPLOYMENT_IN_PROGRESS} while a deployment of the project is PENDING.
     */
    public Uni<GateDecision> decide(UUID runId, UUID projectId, String modelName) {
        return Panache.withTransaction(() -> ProjectConfig.lock(projectId)
                .chain(project -> GateDecision.<GateDecision>findById(runId))
                .chain(existing -> existing != null ? Uni.createFrom().item(existing)
                        : Deployment.<Deployment>find("projectId = ?1 and state = ?2", projectId, Deployment.State.PENDING)
                                .firstResult().chain(pending -> {
                                    if (pending != null) {
                                        throw ProblemException.conflict("DEPLOYMENT_IN_PROGRESS", "deployment "
                                                + pending.number + " is PENDING; the quality gate decides against what it deploys");
                                    }
                                    return RegisteredModel.<RegisteredModel>findById(modelName);
                                })
                                .chain(model -> deployed(projectId).chain(deployed -> GateSetting.toleranceOf(projectId)
                                        .chain(tolerance -> record(runId, projectId, modelName,
                                                QualityGate.decide(modelName, metrics(model), deployed, tolerance)))))));
    }

    /** The project's trained model in the deployment serving now (the newest, if it serves several); null if none. */
    private static Uni<QualityGate.Deployed> deployed(UUID projectId) {
        return Deployment.serving(projectId).chain(serving -> {
            if (serving == null) {
                return Uni.createFrom().nullItem();
            }
            List<String> names = serving.modelList().stream().map(Deployment.DeployedModel::name).toList();
            return RegisteredModel.<RegisteredModel>list("name in ?1 and projectId = ?2 and pretrained = false", names, projectId)
                    .map(models -> models.stream().max(Comparator.comparing(m -> m.version == null ? 0 : m.version))
                            .map(m -> new QualityGate.Deployed(m.name, metrics(m))).orElse(null));
        });
    }

    private static Metrics metrics(RegisteredModel model) {
        return model == null || model.metrics == null ? null : JsonColumns.read(model.metrics, new TypeReference<Metrics>() { });
    }

    private Uni<GateDecision> record(UUID runId, UUID projectId, String modelName, QualityGate.Decision decision) {
        GateDecision row = new GateDecision();
        row.runId = runId;
        row.projectId = projectId;
        row.modelName = modelName;
        row.outcome = decision.outcome();
        row.f1 = decision.f1();
        row.baselineModel = decision.baselineModel();
        row.baselineF1 = decision.baselineF1();
        row.tolerance = decision.tolerance();
        row.testTasks = decision.testTasks();
        row.testSha256 = decision.testSha256();
        row.message = decision.message();
        row.decidedAt = Instant.now();
        return row.<GateDecision>persist()
                .call(d -> outbox.append(new QualityGateDecided(projectId, runId, modelName, d.outcome.name(), d.f1,
                        d.baselineModel, d.baselineF1, d.tolerance, d.testTasks, d.message)))
                .invoke(d -> LOG.infof("project %s: quality gate %s for %s: %s", projectId, d.outcome, modelName, d.message));
    }

    /**
     * Deploys a model the gate refused, because an Owner or Manager says so: its labels are bound to
     * it as after any training (DESIGN.md §3), the bindings deployed (trigger {@code OVERRIDE}, by
     * {@code user}) and the decision marked overridden. 404 for an unknown run; 409 when the decision
     * was not a refusal or was overridden already.
     */
    public Uni<Deployment> override(UUID projectId, UUID runId, String user, Idempotent<Deployment> answer) {
        return Panache.withSession(() -> GateDecision.<GateDecision>findById(runId)).map(decision -> {
            if (decision == null || !decision.projectId.equals(projectId)) {
                throw new ProblemException(404, "NO_DECISION", "the quality gate took no decision on training run " + runId
                        + " of this project");
            }
            if (decision.outcome != QualityGate.Outcome.REFUSED) {
                throw ProblemException.conflict("NOT_REFUSED", "the quality gate did not refuse " + decision.modelName
                        + " (" + decision.outcome + "): nothing to override");
            }
            if (decision.overriddenBy != null) {
                throw ProblemException.conflict("ALREADY_OVERRIDDEN", decision.overriddenBy + " deployed "
                        + decision.modelName + " anyway at " + decision.overriddenAt);
            }
            return decision;
        }).chain(decision -> Blocking.offload(() -> bind(projectId, decision.modelName))
                .chain(bindings -> deployments.deploy(projectId, bindings.labels(), "OVERRIDE", user,
                        user + " deployed " + decision.modelName + " though the quality gate refused it: " + decision.message,
                        answer))
                .call(deployment -> Panache.withTransaction(() -> GateDecision.<GateDecision>findById(runId).invoke(d -> {
                    d.overriddenBy = user;
                    d.overriddenAt = Instant.now();
                    d.overrideDeployment = deployment.id;
                })))
                .invoke(deployment -> LOG.infof("project %s: %s deploys %s despite the quality gate (deployment %d)",
                        projectId, user, decision.modelName, deployment.number)));
    }

    private ProjectClient.Bindings bind(UUID projectId, String model) {
        try {
            return projects.bindAllButPretrained(projectId, model);
        } catch (RemoteProblem answer) {
            if (answer.status() == 404) {
                throw ProblemException.notFound("project " + projectId);
            }
            if (answer.status() < 500) {
                throw new ProblemException(422, "REWRITE_REFUSED", "project-service would not bind the labels to "
                        + model + ": " + answer.detail());
            }
            throw new ProblemException(503, "PROJECT_SERVICE_UNAVAILABLE", "project-service " + answer.getMessage());
        } catch (RuntimeException e) {
            throw new ProblemException(503, "PROJECT_SERVICE_UNAVAILABLE",
                    "project-service, which holds the labeling config, did not answer: " + RemoteFailures.describe(e));
        }
    }
}
