package org.annotationlab.deploy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A model server Deployment's rollout read as the server's status, without a cluster: given its state, the status. */
class RolloutStatusTest {

    private static final String MODELS = "a=/models/x,b=/models/y";

    @Test
    void aServerRunningAllItsReplicasOfTheListIsReady() {
        assertEquals(ServerStatus.ready(), RolloutStatus.of(deployment(MODELS, 2, 4L, 4L, 2, 2, 2), MODELS));
        assertEquals(ServerStatus.ready(), RolloutStatus.of(deployment(MODELS, null, 1L, 1L, 1, 1, 1), MODELS),
                "no replicas in the spec: one");
    }

    @Test
    void aServerOfAnotherListIsStartingHoweverReadyItIs() {
        assertEquals(ServerStatus.starting(), RolloutStatus.of(deployment("a=/models/old", 1, 1L, 1L, 1, 1, 1), MODELS));
        assertEquals(ServerStatus.starting(), RolloutStatus.of(deployment(null, 1, 1L, 1L, 1, 1, 1), MODELS));
        assertEquals(ServerStatus.starting(), RolloutStatus.of(new DeploymentBuilder().withNewMetadata().endMetadata().build(),
                MODELS), "no spec at all");
    }

    @Test
    void aStatusOfThePreviousSpecIsNotTrusted() {
        assertEquals(ServerStatus.starting(), RolloutStatus.of(deployment(MODELS, 1, 5L, 4L, 1, 1, 1), MODELS));
        assertEquals(ServerStatus.starting(), RolloutStatus.of(new DeploymentBuilder(deployment(MODELS, 1, 5L, 4L, 1, 1, 1))
                .withStatus(null).build(), MODELS), "no status yet");
    }

    @Test
    void aRolloutUnderWayIsStarting() {
        assertEquals(ServerStatus.starting(), RolloutStatus.of(deployment(MODELS, 2, 2L, 2L, 2, 1, 1), MODELS));
        assertEquals(ServerStatus.starting(), RolloutStatus.of(deployment(MODELS, 2, 2L, 2L, 1, 2, 2), MODELS),
                "old pods still count as ready");
        assertEquals(ServerStatus.starting(), RolloutStatus.of(deployment(MODELS, 1, 2L, 2L, 1, 1, 0), MODELS));
    }

    @Test
    void aRolloutPastItsDeadlineFails() {
        Deployment deadline = withCondition(deployment(MODELS, 1, 2L, 2L, 0, 0, 0), "Progressing", "False",
                "ProgressDeadlineExceeded", "ReplicaSet \"model-server-1-5d4f8\" has timed out progressing.");
        Deployment withoutMessage = withCondition(deployment(MODELS, 1, 2L, 2L, 0, 0, 0), "Progressing", "False",
                "ProgressDeadlineExceeded", null);
        Deployment paused = withCondition(deployment(MODELS, 1, 2L, 2L, 0, 0, 0), "Progressing", "False",
                "DeploymentPaused", "paused");

        assertEquals(ServerStatus.failed("the model server did not become ready: ReplicaSet \"model-server-1-5d4f8\""
                + " has timed out progressing."), RolloutStatus.of(deadline, MODELS));
        assertEquals(ServerStatus.failed("the model server did not become ready: progress deadline exceeded"),
                RolloutStatus.of(withoutMessage, MODELS));
        assertEquals(ServerStatus.starting(), RolloutStatus.of(paused, MODELS));
    }

    @Test
    void aRolloutWhosePodsCannotBeCreatedFails() {
        Deployment quota = withCondition(deployment(MODELS, 1, 2L, 2L, 0, 0, 0), "ReplicaFailure", "True",
                "FailedCreate", "pods \"x\" is forbidden: exceeded quota");
        Deployment unexplained = withCondition(deployment(MODELS, 1, 2L, 2L, 0, 0, 0), "ReplicaFailure", "True", null, null);
        Deployment resolved = withCondition(deployment(MODELS, 1, 2L, 2L, 1, 1, 1), "ReplicaFailure", "False",
                "FailedCreate", "exceeded quota");

        assertEquals(ServerStatus.failed("the model server's pods could not be created: FailedCreate: pods \"x\" is"
                + " forbidden: exceeded quota"), RolloutStatus.of(quota, MODELS));
        assertEquals(ServerStatus.failed("the model server's pods could not be created: no reason given"),
                RolloutStatus.of(unexplained, MODELS));
        assertEquals(ServerStatus.ready(), RolloutStatus.of(resolved, MODELS));
    }

    /** A Deployment serving {@code models} (null: no annotation) with the given spec and status counts. */
    private static Deployment deployment(String models, Integer replicas, long generation, long observed, int updated,
            int ready, int available) {
        return new DeploymentBuilder()
                .withNewMetadata().withName("model-server-1").withGeneration(generation).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewTemplate().withNewMetadata().addToAnnotations(models == null ? Map.of()
                        : Map.of(ModelServerDeployments.MODELS_ANNOTATION, models)).endMetadata().endTemplate()
                .endSpec()
                .withNewStatus().withObservedGeneration(observed)
                .withUpdatedReplicas(updated).withReadyReplicas(ready).withAvailableReplicas(available)
                .endStatus()
                .build();
    }

    private static Deployment withCondition(Deployment deployment, String type, String status, String reason,
            String message) {
        DeploymentCondition condition = new DeploymentConditionBuilder()
                .withType(type).withStatus(status).withReason(reason).withMessage(message).build();
        return new DeploymentBuilder(deployment).editStatus().addToConditions(condition).endStatus().build();
    }
}
