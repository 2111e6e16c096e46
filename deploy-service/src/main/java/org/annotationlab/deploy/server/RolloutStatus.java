package org.annotationlab.deploy.server;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.annotationlab.workloads.PodTemplates;

/**
 * A model server Deployment's rollout read as a {@link ServerStatus} for one model list: READY only
 * when the Deployment runs exactly that list ({@value ModelServerDeployments#MODELS_ANNOTATION}),
 * its status describes the current spec, and every wanted replica is updated, ready and available;
 * FAILED when the rollout passed its progress deadline or its pods cannot be created; else STARTING.
 *
 * <p>A pure function: the launcher reads the Deployment from the API server; this class only
 * interprets it.
 */
public final class RolloutStatus {

    private RolloutStatus() {
    }

    /**
     * How a Deployment is doing with respect to the model list {@code models}.
     *
     * @param models the {@code --models} argument asked about ({@link ModelServer#modelsArgument()})
     */
    public static ServerStatus of(Deployment deployment, String models) {
        DeploymentSpec spec = Optional.ofNullable(deployment.getSpec()).orElseGet(DeploymentSpec::new);
        String deployed = Optional.ofNullable(spec.getTemplate())
                .map(PodTemplateSpec::getMetadata)
                .map(ObjectMeta::getAnnotations)
                .map(annotations -> annotations.get(ModelServerDeployments.MODELS_ANNOTATION))
                .orElse(null);
        if (!models.equals(deployed)) {
            return ServerStatus.starting(); // not yet moved to this list (or moved on to another one)
        }
        DeploymentStatus status = Optional.ofNullable(deployment.getStatus()).orElseGet(DeploymentStatus::new);
        long generation = Optional.ofNullable(deployment.getMetadata().getGeneration()).orElse(0L);
        long observed = Optional.ofNullable(status.getObservedGeneration()).orElse(0L);
        if (observed < generation) {
            return ServerStatus.starting(); // the status still describes the previous spec
        }
        Optional<DeploymentCondition> deadline = condition(status, "Progressing", "False")
                .filter(c -> "ProgressDeadlineExceeded".equals(c.getReason()));
        if (deadline.isPresent()) {
            return ServerStatus.failed("the model server did not become ready: "
                    + Objects.toString(deadline.get().getMessage(), "progress deadline exceeded"));
        }
        Optional<DeploymentCondition> replicaFailure = condition(status, "ReplicaFailure", "True");
        if (replicaFailure.isPresent()) {
            return ServerStatus.failed("the model server's pods could not be created: "
                    + PodTemplates.reasonAndMessage(replicaFailure.get().getReason(), replicaFailure.get().getMessage(),
                            "no reason given"));
        }
        int wanted = Optional.ofNullable(spec.getReplicas()).orElse(1);
        if (count(status.getUpdatedReplicas()) == wanted && count(status.getReadyReplicas()) == wanted
                && count(status.getAvailableReplicas()) == wanted) {
            return ServerStatus.ready();
        }
        return ServerStatus.starting();
    }

    private static Optional<DeploymentCondition> condition(DeploymentStatus status, String type, String value) {
        return Optional.ofNullable(status.getConditions()).orElse(List.of()).stream()
                .filter(c -> type.equals(c.getType()) && value.equals(c.getStatus()))
                .findFirst();
    }

    private static int count(Integer replicas) {
        return replicas == null ? 0 : replicas;
    }
}
