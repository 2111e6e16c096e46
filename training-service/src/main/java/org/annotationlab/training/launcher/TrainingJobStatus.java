package org.annotationlab.training.launcher;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.annotationlab.workloads.PodTemplates;

/**
 * A training Job's state read as its run's {@link WorkloadStatus}. A Job is finished once it is
 * Complete or Failed (a condition or a count says so); its outcome is then the termination message
 * the {@value PodTemplates#CONTAINER} container wrote ({@code <REASON>: <message>}, see
 * {@link TrainingJobs#TERMINATION_LOG}), or, when no pod left one, what the Job itself says.
 *
 * <p>Pure functions: the launcher reads the Job and its pods from the API server; this class only
 * interprets them.
 */
public final class TrainingJobStatus {

    private TrainingJobStatus() {
    }

    /** Whether the Job has ended, successfully or not: only then are its pods worth reading. */
    public static boolean finished(Job job) {
        JobStatus status = status(job);
        return succeeded(status) || condition(status, "Failed").isPresent() || positive(status.getFailed());
    }

    /**
     * The run's status: RUNNING until the Job is {@link #finished}; then SUCCEEDED or FAILED with
     * the runner's termination message, else {@code SUCCEEDED: the Job completed} or
     * {@code JOB_FAILED: <the Failed condition's reason: message>} and how the runner ended, if it did.
     *
     * @param pods the Job's pods as read (any order, other containers included); empty when none
     *             is left or they could not be read
     */
    public static WorkloadStatus of(Job job, List<Pod> pods) {
        if (!finished(job)) {
            return WorkloadStatus.running();
        }
        JobStatus status = status(job);
        Optional<ContainerStateTerminated> ended = runnerEnded(pods);
        Optional<String> message = ended.map(ContainerStateTerminated::getMessage)
                .filter(m -> !PodTemplates.isBlank(m))
                .map(String::strip); // the file's trailing newline
        if (succeeded(status)) {
            return WorkloadStatus.succeeded(message.orElse("SUCCEEDED: the Job completed"));
        }
        Optional<JobCondition> failed = condition(status, "Failed");
        return WorkloadStatus.failed(message.orElseGet(() -> "JOB_FAILED: "
                + failed.map(c -> PodTemplates.reasonAndMessage(c.getReason(), c.getMessage(), "the Job failed"))
                        .orElse("the Job failed")
                + ended.map(t -> " (" + PodTemplates.CONTAINER + " ended with " + Objects.toString(t.getReason(), "no reason")
                        + ", exit code " + t.getExitCode() + ")").orElse("")));
    }

    /** How the runner container ended: the last to finish among the pods whose runner has terminated. */
    private static Optional<ContainerStateTerminated> runnerEnded(List<Pod> pods) {
        return pods.stream()
                .flatMap(pod -> Optional.ofNullable(pod.getStatus())
                        .map(PodStatus::getContainerStatuses).orElse(List.of()).stream())
                .filter(c -> PodTemplates.CONTAINER.equals(c.getName()))
                .map(ContainerStatus::getState)
                .filter(state -> state != null && state.getTerminated() != null)
                .map(ContainerState::getTerminated)
                .max(Comparator.comparing(t -> Objects.toString(t.getFinishedAt(), "")));
    }

    private static JobStatus status(Job job) {
        return Optional.ofNullable(job.getStatus()).orElseGet(JobStatus::new);
    }

    private static boolean succeeded(JobStatus status) {
        return condition(status, "Complete").isPresent() || positive(status.getSucceeded());
    }

    private static Optional<JobCondition> condition(JobStatus status, String type) {
        return Optional.ofNullable(status.getConditions()).orElse(List.of()).stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst();
    }

    private static boolean positive(Integer count) {
        return count != null && count > 0;
    }
}
