package org.annotationlab.training.launcher;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Plays Kubernetes' Job controller against the mock API server: a Job's pod ends, then the Job. */
public final class JobController {

    private JobController() {
    }

    /**
     * The pod's containers terminated (the {@code nlp-runner} one with {@code podMessage} when
     * given, beside a sidecar's own message), then the Job's status says Complete or Failed.
     */
    public static void finish(KubernetesClient client, String name, boolean succeeded, String podMessage) {
        if (podMessage != null) {
            client.pods().resource(new PodBuilder()
                    .withNewMetadata().withName(name + "-x7k2p")
                    .addToLabels("job-name", name).addToLabels("batch.kubernetes.io/job-name", name).endMetadata()
                    .withNewStatus()
                    .addNewContainerStatus().withName("sidecar")
                    .withNewState().withNewTerminated().withExitCode(0).withMessage("sidecar done").endTerminated()
                    .endState().endContainerStatus()
                    .addNewContainerStatus().withName("nlp-runner")
                    .withNewState().withNewTerminated().withExitCode(succeeded ? 0 : 1).withMessage(podMessage + "\n")
                    .endTerminated().endState().endContainerStatus()
                    .endStatus()
                    .build()).create();
        }
        client.batch().v1().jobs().withName(name).editStatus(job -> new JobBuilder(job).withNewStatus()
                .withSucceeded(succeeded ? 1 : null)
                .withFailed(succeeded ? null : 1)
                .addNewCondition()
                .withType(succeeded ? "Complete" : "Failed").withStatus("True")
                .withReason(succeeded ? null : "BackoffLimitExceeded")
                .withMessage(succeeded ? null : "Job has reached the specified backoff limit")
                .endCondition()
                .endStatus()
                .build());
    }
}
