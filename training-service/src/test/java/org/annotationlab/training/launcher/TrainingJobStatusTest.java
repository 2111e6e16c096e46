package org.annotationlab.training.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A training Job's state read as its run's status, without a cluster: given Job and pod states, the outcome. */
class TrainingJobStatusTest {

    private static final String INSUFFICIENT_DATA =
            "INSUFFICIENT_DATA: the training set has 3 entity mentions; at least 10 are needed";

    @Test
    void aJobWithoutStatusOrEndIsRunningWhateverItsPodsSay() {
        Job active = job().withNewStatus().withActive(1).endStatus().build();
        Job notFailedYet = job().withNewStatus().addToConditions(condition("Failed", "False", null, null))
                .endStatus().build();

        assertFalse(TrainingJobStatus.finished(job().build()));
        assertEquals(WorkloadStatus.running(), TrainingJobStatus.of(job().build(), List.of()));
        assertEquals(WorkloadStatus.running(), TrainingJobStatus.of(active, List.of(pod(runner(1, "FAILED: no")))));
        assertEquals(WorkloadStatus.running(), TrainingJobStatus.of(notFailedYet, List.of()));
    }

    @Test
    void aCompleteJobSucceedsWithTheRunnersMessageWithoutItsTrailingNewline() {
        Job complete = job().withNewStatus().withSucceeded(1)
                .addToConditions(condition("Complete", "True", null, null)).endStatus().build();

        assertTrue(TrainingJobStatus.finished(complete));
        assertEquals(WorkloadStatus.succeeded("SUCCEEDED: trained 3 epochs"),
                TrainingJobStatus.of(complete, List.of(pod(sidecar(), runner(0, "SUCCEEDED: trained 3 epochs\n")))));
    }

    @Test
    void aJobCountedSucceededWithoutItsConditionYetHasSucceeded() {
        Job counted = job().withNewStatus().withSucceeded(1).endStatus().build();

        assertEquals(WorkloadStatus.succeeded("SUCCEEDED: the Job completed"), TrainingJobStatus.of(counted, List.of()));
    }

    @Test
    void aFailedJobReportsTheRunnersOwnReason() {
        Job failed = failed("BackoffLimitExceeded", "Job has reached the specified backoff limit");

        assertEquals(WorkloadStatus.failed(INSUFFICIENT_DATA),
                TrainingJobStatus.of(failed, List.of(pod(sidecar(), runner(1, INSUFFICIENT_DATA + "\n")))));
    }

    @Test
    void aFailedJobWithoutPodsReportsItsCondition() {
        Job failed = failed("BackoffLimitExceeded", "Job has reached the specified backoff limit");

        assertEquals(WorkloadStatus.failed("JOB_FAILED: BackoffLimitExceeded: Job has reached the specified backoff limit"),
                TrainingJobStatus.of(failed, List.of()));
    }

    @Test
    void aFailedJobWhoseRunnerLeftNoMessageSaysHowTheRunnerEnded() {
        Job failed = failed("DeadlineExceeded", null);
        ContainerStatus killed = new ContainerStatusBuilder().withName("nlp-runner").withNewState().withNewTerminated()
                .withExitCode(137).withReason("OOMKilled").withMessage(" ").endTerminated().endState().build();

        assertEquals(WorkloadStatus.failed("JOB_FAILED: DeadlineExceeded (nlp-runner ended with OOMKilled, exit code 137)"),
                TrainingJobStatus.of(failed, List.of(pod(killed))));
    }

    @Test
    void aJobCountedFailedWithoutAConditionHasFailed() {
        Job counted = job().withNewStatus().withFailed(1).endStatus().build();
        Pod stillRunning = pod(new ContainerStatusBuilder().withName("nlp-runner").withNewState().withNewRunning()
                .endRunning().endState().build());

        assertTrue(TrainingJobStatus.finished(counted));
        assertEquals(WorkloadStatus.failed("JOB_FAILED: the Job failed"), TrainingJobStatus.of(counted, List.of(stillRunning)));
    }

    @Test
    void theRunnerThatFinishedLastSpeaks() {
        Job failed = failed("BackoffLimitExceeded", null);
        Pod earlier = pod(runner(1, "INTERNAL: first attempt", "2026-01-01T10:00:00Z"));
        Pod later = pod(runner(1, INSUFFICIENT_DATA, "2026-01-01T10:05:00Z"));

        assertEquals(WorkloadStatus.failed(INSUFFICIENT_DATA), TrainingJobStatus.of(failed, List.of(later, earlier)));
        assertEquals(WorkloadStatus.failed(INSUFFICIENT_DATA), TrainingJobStatus.of(failed, List.of(earlier, later)));
    }

    private static JobBuilder job() {
        return new JobBuilder().withNewMetadata().withName("training-1").endMetadata();
    }

    private static Job failed(String reason, String message) {
        return job().withNewStatus().withFailed(1).addToConditions(condition("Failed", "True", reason, message))
                .endStatus().build();
    }

    private static JobCondition condition(String type, String status, String reason, String message) {
        return new JobConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message).build();
    }

    private static Pod pod(ContainerStatus... containers) {
        return new PodBuilder().withNewMetadata().withName("training-1-x7k2p").endMetadata()
                .withNewStatus().withContainerStatuses(containers).endStatus().build();
    }

    private static ContainerStatus runner(int exitCode, String message) {
        return runner(exitCode, message, "2026-01-01T10:00:00Z");
    }

    private static ContainerStatus runner(int exitCode, String message, String finishedAt) {
        return new ContainerStatusBuilder().withName("nlp-runner").withNewState().withNewTerminated()
                .withExitCode(exitCode).withMessage(message).withFinishedAt(finishedAt).endTerminated().endState().build();
    }

    /** Another container of the pod, whose message is not the run's. */
    private static ContainerStatus sidecar() {
        return new ContainerStatusBuilder().withName("sidecar").withNewState().withNewTerminated()
                .withExitCode(0).withMessage("sidecar done").withFinishedAt("2026-01-01T11:00:00Z")
                .endTerminated().endState().build();
    }
}
