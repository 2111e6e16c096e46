package org.annotationlab.training.launcher;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.training.launcher.WorkloadStatus.Phase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against the Fabric8 mock API server in CRUD mode: Jobs, pods and watches behave like the API's. */
@EnableKubernetesMockClient(crud = true)
class KubernetesJobLauncherTest {

    /** The Job spec the chart renders into LAB_WORKLOAD_TEMPLATE (lab.trainingJobSpec), as JSON. */
    private static final String CHART_TEMPLATE = """
            {"backoffLimit": 2, "activeDeadlineSeconds": 86400,
             "template": {
              "metadata": {"labels": {"app.kubernetes.io/name": "training-job", "app.kubernetes.io/instance": "lab",
                                      "app.kubernetes.io/part-of": "annotation-lab"}},
              "spec": {
               "restartPolicy": "Never", "serviceAccountName": "lab-nlp-runner",
               "automountServiceAccountToken": false, "enableServiceLinks": false,
               "securityContext": {"runAsNonRoot": true, "runAsUser": 1000, "fsGroup": 1000},
               "nodeSelector": {"pool": "training"},
               "tolerations": [{"key": "dedicated", "operator": "Equal", "value": "training", "effect": "NoSchedule"}],
               "volumes": [
                {"name": "model-store", "persistentVolumeClaim": {"claimName": "lab-model-store", "readOnly": false}},
                {"name": "tmp", "emptyDir": {}}],
               "containers": [{
                "name": "nlp-runner", "image": "registry.example/annotationlab/nlp-runner:1.2.3",
                "imagePullPolicy": "IfNotPresent", "terminationMessagePolicy": "FallbackToLogsOnError",
                "resources": {"requests": {"cpu": "2", "memory": "8Gi"}, "limits": {"memory": "8Gi"}},
                "securityContext": {"allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true,
                                    "capabilities": {"drop": ["ALL"]}},
                "volumeMounts": [{"name": "model-store", "mountPath": "/models", "readOnly": false},
                                 {"name": "tmp", "mountPath": "/tmp"}]}]}}}
            """;
    private static final UUID PROJECT = UUID.randomUUID();

    /** Injected by the extension: a new mock server per test, namespace "test". */
    KubernetesClient client;

    private final List<KubernetesJobLauncher> launchers = new ArrayList<>();

    @AfterEach
    void closeLaunchers() {
        launchers.forEach(KubernetesJobLauncher::close);
    }

    @Test
    void launchBuildsTheJobFromTheChartTemplate() throws Exception {
        TrainingWorkload workload = workload();

        String handle = launcher(CHART_TEMPLATE).launch(workload);

        assertEquals(workload.name(), handle);
        Job job = job(handle);
        Map<String, String> expectedLabels = Map.of(
                "app.kubernetes.io/managed-by", "training-service",
                "annotationlab.org/project", PROJECT.toString(),
                "annotationlab.org/training-run", workload.runId().toString());
        assertTrue(job.getMetadata().getLabels().entrySet().containsAll(expectedLabels.entrySet()));
        Map<String, String> podLabels = job.getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(podLabels.entrySet().containsAll(expectedLabels.entrySet()));
        assertEquals("training-job", podLabels.get("app.kubernetes.io/name"));
        assertEquals(0, job.getSpec().getBackoffLimit());
        assertEquals(86400L, job.getSpec().getActiveDeadlineSeconds());
        assertEquals(3600, job.getSpec().getTtlSecondsAfterFinished());

        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertEquals("Never", pod.getRestartPolicy());
        assertEquals("lab-nlp-runner", pod.getServiceAccountName());
        assertEquals(Map.of("pool", "training"), pod.getNodeSelector());
        assertEquals("training", pod.getTolerations().get(0).getValue());
        assertEquals(1000L, pod.getSecurityContext().getRunAsUser());
        Container container = pod.getContainers().get(0);
        assertEquals(1, pod.getContainers().size());
        assertEquals("nlp-runner", container.getName());
        assertEquals("registry.example/annotationlab/nlp-runner:1.2.3", container.getImage());
        assertEquals(List.of("train", "--run-dir", workload.runDir().toString(), "--termination-log",
                "/dev/termination-log"), container.getArgs());
        assertEquals("/dev/termination-log", container.getTerminationMessagePath());
        assertEquals("FallbackToLogsOnError", container.getTerminationMessagePolicy());
        assertEquals(new Quantity("8Gi"), container.getResources().getLimits().get("memory"));
        assertEquals(new Quantity("2"), container.getResources().getRequests().get("cpu"));
        assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop());

        List<Volume> stores = pod.getVolumes().stream().filter(v -> v.getName().equals("model-store")).toList();
        assertEquals(1, stores.size());
        assertEquals("lab-model-store", stores.get(0).getPersistentVolumeClaim().getClaimName());
        assertEquals(2, pod.getVolumes().size());
        List<VolumeMount> mounts = container.getVolumeMounts().stream()
                .filter(m -> m.getName().equals("model-store")).toList();
        assertEquals(1, mounts.size());
        assertEquals("/models", mounts.get(0).getMountPath());
        assertEquals(2, container.getVolumeMounts().size());
    }

    @Test
    void aBlankTemplateGetsImageModelStoreAndTerminationLog() throws Exception {
        TrainingWorkload workload = workload();

        Job job = job(launcher(" ").launch(workload));

        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertEquals("Never", pod.getRestartPolicy());
        assertEquals(0, job.getSpec().getBackoffLimit());
        assertEquals(3600, job.getSpec().getTtlSecondsAfterFinished());
        assertEquals(workload.runId().toString(),
                job.getSpec().getTemplate().getMetadata().getLabels().get("annotationlab.org/training-run"));
        Container container = pod.getContainers().get(0);
        assertEquals("nlp-runner", container.getName());
        assertEquals("nlp-runner:test", container.getImage());
        assertEquals("/dev/termination-log", container.getTerminationMessagePath());
        assertEquals("FallbackToLogsOnError", container.getTerminationMessagePolicy());
        assertEquals(1, pod.getVolumes().size());
        assertEquals("model-store-claim", pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName());
        assertEquals(Boolean.FALSE, pod.getVolumes().get(0).getPersistentVolumeClaim().getReadOnly());
        assertEquals(1, container.getVolumeMounts().size());
        assertEquals("model-store", container.getVolumeMounts().get(0).getName());
        assertEquals("/models", container.getVolumeMounts().get(0).getMountPath());
    }

    @Test
    void statusFollowsTheJobToSuccessAndKeepsTheOutcome() throws Exception {
        KubernetesJobLauncher launcher = launcher(CHART_TEMPLATE);
        TrainingWorkload workload = workload();
        TrainingWorkload later = workload();
        String handle = launcher.launch(workload);
        launcher.launch(later);
        assertEquals(Phase.RUNNING, launcher.status(workload, handle).phase());

        finish(handle, true, "SUCCEEDED: ok");

        assertEquals(WorkloadStatus.succeeded("SUCCEEDED: ok"), await(launcher, workload, handle, Phase.SUCCEEDED));
        // A finished Job removed afterwards (TTL) still reports its outcome. The launcher's watch
        // delivers deletions in order: once a Job deleted after it reads as missing, it is gone too.
        client.batch().v1().jobs().withName(handle).delete();
        client.pods().withLabel("job-name", handle).delete();
        client.batch().v1().jobs().withName(later.name()).delete();
        assertEquals(Phase.MISSING, await(launcher, later, later.name(), Phase.MISSING).phase());
        assertEquals(WorkloadStatus.succeeded("SUCCEEDED: ok"), launcher.status(workload, handle));
    }

    @Test
    void aFailedJobReportsThePodsMessageOrTheJobsCondition() throws Exception {
        KubernetesJobLauncher launcher = launcher(CHART_TEMPLATE);
        TrainingWorkload withPod = workload();
        TrainingWorkload withoutPod = workload();
        String message = "INSUFFICIENT_DATA: the training set has 3 entity mentions; at least 10 are needed";
        launcher.launch(withPod);
        launcher.launch(withoutPod);

        finish(withPod.name(), false, message);
        finish(withoutPod.name(), false, null);

        assertEquals(WorkloadStatus.failed(message), await(launcher, withPod, withPod.name(), Phase.FAILED));
        assertEquals(
                WorkloadStatus.failed("JOB_FAILED: BackoffLimitExceeded: Job has reached the specified backoff limit"),
                await(launcher, withoutPod, withoutPod.name(), Phase.FAILED));
    }

    @Test
    void aRestartedLauncherFindsItsJobs() throws Exception {
        KubernetesJobLauncher before = launcher(CHART_TEMPLATE);
        TrainingWorkload running = workload();
        TrainingWorkload succeeded = workload();
        TrainingWorkload failed = workload();
        for (TrainingWorkload workload : List.of(running, succeeded, failed)) {
            before.launch(workload);
        }
        finish(succeeded.name(), true, "SUCCEEDED: trained 3 epochs");
        finish(failed.name(), false, null);
        before.close();

        KubernetesJobLauncher after = launcher(CHART_TEMPLATE);

        assertEquals(WorkloadStatus.succeeded("SUCCEEDED: trained 3 epochs"),
                await(after, succeeded, succeeded.name(), Phase.SUCCEEDED));
        // Synced now: RUNNING is what the Job says, not the answer before the first list.
        assertEquals(WorkloadStatus.running(), after.status(running, running.name()));
        assertTrue(await(after, failed, failed.name(), Phase.FAILED).message().startsWith("JOB_FAILED:"));

        // A Job deleted behind the launcher's back is missing. One it launched itself: the Jobs above
        // were listed, and a delete before the watch opened would be replayed by a real API server
        // (the watch starts at the list's version), not by the mock one.
        TrainingWorkload deleted = workload();
        after.launch(deleted);
        client.batch().v1().jobs().withName(deleted.name()).delete();
        WorkloadStatus missing = await(after, deleted, deleted.name(), Phase.MISSING);
        assertTrue(missing.message().contains(deleted.name()) && missing.message().contains("test"),
                missing.message());
    }

    @Test
    void cancelDeletesTheJobAndToleratesAMissingOne() throws Exception {
        KubernetesJobLauncher launcher = launcher(CHART_TEMPLATE);
        TrainingWorkload workload = workload();
        String handle = launcher.launch(workload);

        launcher.cancel(workload, handle);

        assertNull(job(handle));
        assertDoesNotThrow(() -> launcher.cancel(workload, handle));
        assertEquals(Phase.MISSING, await(launcher, workload, handle, Phase.MISSING).phase());
    }

    @Test
    void launchingAJobThatExistsFailsClearly() throws Exception {
        KubernetesJobLauncher launcher = launcher(CHART_TEMPLATE);
        TrainingWorkload workload = workload();
        launcher.launch(workload);

        WorkloadLauncher.LaunchException e = assertThrows(WorkloadLauncher.LaunchException.class,
                () -> launcher.launch(workload));

        assertTrue(e.getMessage().startsWith("could not create Job " + workload.name() + " in namespace test: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    }

    private KubernetesJobLauncher launcher(String template) {
        KubernetesJobLauncher launcher = new KubernetesJobLauncher(client, new TrainingJobs.Settings(
                null, "nlp-runner:test", "model-store-claim", "/models", template, 3600));
        launchers.add(launcher);
        return launcher;
    }

    private static TrainingWorkload workload() {
        UUID run = UUID.randomUUID();
        Path runDir = Path.of("/models/runs", run.toString());
        return new TrainingWorkload(run, PROJECT, "training-" + run, runDir,
                List.of("train", "--run-dir", runDir.toString()));
    }

    private Job job(String name) {
        return client.batch().v1().jobs().withName(name).get();
    }

    private void finish(String name, boolean succeeded, String podMessage) {
        JobController.finish(client, name, succeeded, podMessage);
    }

    /** Polls like the service does until the phase is reached; the last status after 30 s (the informer may be slow to sync on a loaded machine). */
    private static WorkloadStatus await(KubernetesJobLauncher launcher, TrainingWorkload workload, String handle,
            Phase phase) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        WorkloadStatus status = launcher.status(workload, handle);
        while (status.phase() != phase && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = launcher.status(workload, handle);
        }
        return status;
    }
}
