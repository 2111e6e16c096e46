package org.annotationlab.deploy.deployment;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.annotationlab.deploy.client.ProjectClient;
import org.annotationlab.deploy.config.DeployConfig;
import org.annotationlab.deploy.gate.GateDecision;
import org.annotationlab.deploy.gate.QualityGate;
import org.annotationlab.deploy.gate.QualityGateService;
import org.annotationlab.deploy.server.ModelServer;
import org.annotationlab.deploy.server.ModelServerLauncher;
import org.annotationlab.deploy.server.ServerStatus;
import org.annotationlab.web.problem.ProblemException;
import org.annotationlab.web.Blocking;
import org.annotationlab.web.client.RemoteFailures;
import org.annotationlab.web.client.RemoteProblem;
import org.annotationlab.web.persistence.PendingWork;
import org.jboss.logging.Logger;

/**
 * Moves deployments along, once per poll interval, on a worker thread: carries out deploy
 * requests left by trainings (config rewrite through project-service, then a deployment), applies
 * PENDING deployments to the project's model server, and settles them READY or FAILED (load
 * failure, crash, or not ready within {@code lab.deploy.ready-timeout}). Removes the servers of
 * deleted projects.
 */
@ApplicationScoped
public class DeploymentScheduler {

    private static final Logger LOG = Logger.getLogger(DeploymentScheduler.class);

    /** What a tick works on: deployments asked for after training, PENDING ones, deleted projects' servers. */
    private static final String TICK_WORK = "select 1 from deploy_request where not done"
            + " union all select 1 from deployment where state = 'PENDING'"
            + " union all select 1 from project_config where deleted and not server_removed";

    private final DeployConfig config;
    private final ModelServerLauncher launcher;
    private final DeploymentService service;
    private final ProjectClient projects;
    private final QualityGateService gates;
    private final PendingWork pending;

    DeploymentScheduler(DeployConfig config, ModelServerLauncher launcher, DeploymentService service, ProjectClient projects,
            QualityGateService gates, PendingWork pending) {
        this.gates = gates;
        this.pending = pending;
        this.config = config;
        this.launcher = launcher;
        this.service = service;
        this.projects = projects;
    }

    @Scheduled(every = "${lab.deploy.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "deployment-scheduler")
    void tick() {
        try {
            if (!pending.any(TICK_WORK)) {
                return;
            }
            for (Object[] request : Blocking.await(() -> Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                    "select run_id, project_id, model_name, attempts from deploy_request where not done order by requested_at",
                    Object[].class).getResultList())))) {
                afterTraining((UUID) request[0], (UUID) request[1], (String) request[2], ((Number) request[3]).intValue());
            }
            for (Deployment deployment : Blocking.await(() -> Panache.withSession(() -> Deployment.<Deployment>list(
                    "state = ?1 order by createdAt", Deployment.State.PENDING)))) {
                try {
                    follow(deployment);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "could not follow deployment %s; trying again", deployment.id);
                }
            }
            for (UUID projectId : Blocking.await(() -> Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                    "select project_id from project_config where deleted and not server_removed", UUID.class).getResultList())))) {
                launcher.remove(projectId);
                Blocking.await(() -> Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "update project_config set server_removed = true where project_id = :p")
                        .setParameter("p", projectId).executeUpdate())));
                LOG.infof("project %s deleted: its model server is removed", projectId);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "deployment scheduler tick failed; the next one retries");
        }
    }

    /**
     * Every project's serving deployment whose model server is gone (MISSING) is deployed again
     * with the same models: a local server process that exited (crashed, or stopped with this
     * service), or a Deployment deleted behind its back.
     */
    @Scheduled(every = "${lab.deploy.restore-interval:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "deployment-restore")
    void restoreMissingServers() {
        try {
            if (!pending.any("select 1 from deployment where state = 'READY'")) {
                return;
            }
            // The latest READY deployment of each project: what its server should be serving.
            java.util.Map<UUID, Deployment> serving = new java.util.HashMap<>();
            for (Deployment ready : Blocking.await(() -> Panache.withSession(() -> Deployment.<Deployment>list(
                    "state = ?1 and projectId not in (select c.projectId from ProjectConfig c where c.deleted = true)",
                    Deployment.State.READY)))) {
                serving.merge(ready.projectId, ready, (a, b) -> a.number >= b.number ? a : b);
            }
            for (Deployment deployment : serving.values()) {
                ModelServer server = new ModelServer(deployment.projectId, ModelServer.nameOf(deployment.projectId), deployment.paths());
                ServerStatus status = launcher.status(server);
                if (status.phase() == ServerStatus.Phase.MISSING) {
                    Deployment restored = Blocking.await(() -> service.restore(deployment));
                    if (restored != null) {
                        LOG.infof("project %s: the server of deployment %d is gone (%s); deploying its models again",
                                deployment.projectId, deployment.number, status.message());
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "checking the model servers failed; the next check retries");
        }
    }

    /**
     * A training asked to be deployed: the quality gate decides first (a refused model is
     * registered, its labels keep their binding, and the refusal is recorded as a FAILED deployment
     * with reason {@code QUALITY_GATE}); then the config is rewritten through project-service and
     * the bindings deployed.
     */
    private void afterTraining(UUID runId, UUID projectId, String model, int attempts) {
        String by = "deploy-service (after training " + runId + ")";
        GateDecision gate;
        try {
            gate = Blocking.await(() -> gates.decide(runId, projectId, model));
        } catch (ProblemException e) {
            // A deployment of the project is PENDING: the gate decides once it has ended (READY,
            // FAILED or not ready in time, so the wait is bounded); waiting is not a failed attempt.
            LOG.debugf("training run %s: %s", runId, e.getMessage());
            return;
        }
        if (gate.outcome == QualityGate.Outcome.REFUSED) {
            Blocking.await(() -> service.refused(projectId, "AFTER_TRAINING", by, "QUALITY_GATE", gate.message));
            done(runId, gate.message);
            return;
        }
        ProjectClient.Bindings result;
        try {
            result = projects.bindAllButPretrained(projectId, model);
        } catch (RemoteProblem answer) {
            // Until project-service has seen this model's ModelRegistered, it refuses the binding.
            if (answer.status() == 404) {
                done(runId, "project-service: " + answer.detail());
            } else {
                retry(runId, attempts, "project-service " + answer.getMessage(), projectId, by);
            }
            return;
        } catch (RuntimeException e) {
            retry(runId, attempts, "project-service: " + RemoteFailures.describe(e), projectId, by);
            return;
        }
        try {
            String note = "quality gate " + gate.outcome + ": " + gate.message + (result.notPredicted().isEmpty() ? ""
                    : "; labels " + result.notPredicted() + " kept their binding: " + model + " does not predict them");
            Blocking.await(() -> service.deploy(projectId, result.labels(), "AFTER_TRAINING", by, note));
            done(runId, null);
        } catch (ProblemException e) {
            if (e.status() == 409) {
                retry(runId, attempts, e.getMessage(), projectId, by);
            } else {
                Blocking.await(() -> service.refused(projectId, "AFTER_TRAINING", by, e.reason(), e.getMessage()));
                done(runId, e.getMessage());
            }
        }
    }

    private void retry(UUID runId, int attempts, String error, UUID projectId, String by) {
        if (attempts + 1 >= config.rewriteAttempts()) {
            LOG.warnf("deploying the model of training run %s gave up after %d attempts: %s", runId, attempts + 1, error);
            Blocking.await(() -> service.refused(projectId, "AFTER_TRAINING", by, "REWRITE_REFUSED",
                    "the labeling config could not be rewritten: " + error));
            done(runId, error);
            return;
        }
        Blocking.await(() -> Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "update deploy_request set attempts = attempts + 1, last_error = :e where run_id = :r")
                .setParameter("e", error).setParameter("r", runId).executeUpdate())));
    }

    private void done(UUID runId, String error) {
        Blocking.await(() -> Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "update deploy_request set done = true, last_error = :e where run_id = :r")
                .setParameter("e", error).setParameter("r", runId).executeUpdate())));
    }

    private void follow(Deployment deployment) {
        ModelServer server = new ModelServer(deployment.projectId, ModelServer.nameOf(deployment.projectId), deployment.paths());
        if (deployment.appliedAt == null) {
            try {
                String endpoint = launcher.apply(server);
                inPending(deployment.id, d -> {
                    d.appliedAt = Instant.now();
                    d.endpoint = endpoint;
                    return Uni.createFrom().voidItem();
                });
            } catch (ModelServerLauncher.LaunchException e) {
                inPending(deployment.id, d -> service.failed(d, "LAUNCH_FAILED", e.getMessage()));
            }
            return;
        }
        ServerStatus status = launcher.status(server);
        switch (status.phase()) {
            case READY -> inPending(deployment.id, service::ready);
            case FAILED, MISSING -> inPending(deployment.id, d -> service.failed(d, "SERVER_FAILED", status.message()));
            case STARTING -> {
                if (deployment.createdAt.plus(config.readyTimeout()).isBefore(Instant.now())) {
                    inPending(deployment.id, d -> service.failed(d, "NOT_READY_IN_TIME",
                            "the model server was not ready within " + config.readyTimeout()));
                }
            }
        }
    }

    /** Applies {@code change} if the deployment is still PENDING. */
    private void inPending(UUID id, Function<Deployment, Uni<Void>> change) {
        Blocking.await(() -> Panache.withTransaction(() -> Deployment.locked(id).flatMap(d ->
                d == null || d.state != Deployment.State.PENDING ? Uni.createFrom().voidItem() : change.apply(d))));
    }

}
