package org.annotationlab.training.launcher;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.workloads.RunnerJvm;
import org.junit.jupiter.api.Test;

/** The Job of a training run, built without a cluster: given a run and settings, the Job's fields. */
class TrainingJobsTest {

    /** The Job spec the chart renders into LAB_WORKLOAD_TEMPLATE (lab.trainingJobSpec), as JSON. */
    private static final String CHART_TEMPLATE = """
            {"backoffLimit": 2, "activeDeadlineSeconds": 86400,
             "template": {
              "metadata": {"labels": {"app.kubernetes.io/name": "training-job", "app.kubernetes.io/instance": "lab"}},
              "spec": {
               "restartPolicy": "OnFailure", "serviceAccountName": "lab-nlp-runner",
               "securityContext": {"runAsNonRoot": true, "runAsUser": 1000, "fsGroup": 1000},
               "nodeSelector": {"pool": "training"},
               "tolerations": [{"key": "dedicated", "operator": "Equal", "value": "training", "effect": "NoSchedule"}],
               "volumes": [
                {"name": "model-store", "persistentVolumeClaim": {"claimName": "lab-model-store", "readOnly": true}},
                {"name": "tmp", "emptyDir": {}}],
               "containers": [{
                "name": "nlp-runner", "image": "registry.example/annotationlab/nlp-runner:1.2.3",
                "resources": {"requests": {"cpu": "2", "memory": "8Gi"}, "limits": {"memory": "8Gi"}},
                "securityContext": {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}},
                "volumeMounts": [{"name": "model-store", "mountPath": "/store", "readOnly": true},
                                 {"name": "tmp", "mountPath": "/tmp"}]}]}}}
            """;
    private static final UUID PROJECT = UUID.randomUUID();
    private static final long HEAP_MB = 1536;

    @Test
    void theJobIsTheRunsByNameLabelsAndArguments() {
        TrainingWorkload workload = workload();

        Job job = TrainingJobs.desired(workload, settings(CHART_TEMPLATE), HEAP_MB);

        assertEquals(workload.name(), job.getMetadata().getName());
        assertEquals("lab", job.getMetadata().getNamespace());
        Map<String, String> runLabels = Map.of(
                "app.kubernetes.io/managed-by", "training-service",
                "annotationlab.org/project", PROJECT.toString(),
                "annotationlab.org/training-run", workload.runId().toString());
        Map<String, String> podLabels = job.getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(podLabels.entrySet().containsAll(runLabels.entrySet()), podLabels.toString());
        assertEquals("training-job", podLabels.get("app.kubernetes.io/name"));
        assertEquals(podLabels, job.getMetadata().getLabels());
        assertEquals(List.of("train", "--run-dir", workload.runDir().toString(), "--termination-log",
                "/dev/termination-log"), runner(job).getArgs());
    }

    @Test
    void theChartsSchedulingResourcesAndSecurityAreKept() {
        Job job = TrainingJobs.desired(workload(), settings(CHART_TEMPLATE), HEAP_MB);

        assertEquals(86400L, job.getSpec().getActiveDeadlineSeconds());
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertEquals("lab-nlp-runner", pod.getServiceAccountName());
        assertEquals(Map.of("pool", "training"), pod.getNodeSelector());
        assertEquals("training", pod.getTolerations().get(0).getValue());
        assertEquals(1000L, pod.getSecurityContext().getRunAsUser());
        assertEquals(1, pod.getContainers().size());
        Container container = runner(job);
        assertEquals("registry.example/annotationlab/nlp-runner:1.2.3", container.getImage(), "the template's image wins");
        assertEquals(new Quantity("8Gi"), container.getResources().getLimits().get("memory"));
        assertEquals(new Quantity("2"), container.getResources().getRequests().get("cpu"));
        assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop());
    }

    @Test
    void aTrainingIsTriedOnceAndNeverRestarted() {
        Job job = TrainingJobs.desired(workload(), settings(CHART_TEMPLATE), HEAP_MB);

        assertEquals(0, job.getSpec().getBackoffLimit(), "the template's 2 retries are overridden");
        assertEquals("Never", job.getSpec().getTemplate().getSpec().getRestartPolicy());
    }

    @Test
    void theTemplatesModelStoreIsMountedReadWriteAtTheServicesPath() {
        Job job = TrainingJobs.desired(workload(), settings(CHART_TEMPLATE), HEAP_MB);

        PodSpec pod = job.getSpec().getTemplate().getSpec();
        List<Volume> stores = pod.getVolumes().stream().filter(v -> v.getName().equals("model-store")).toList();
        assertEquals(1, stores.size());
        assertEquals("lab-model-store", stores.get(0).getPersistentVolumeClaim().getClaimName(), "the template's claim wins");
        assertEquals(Boolean.FALSE, stores.get(0).getPersistentVolumeClaim().getReadOnly());
        assertEquals(2, pod.getVolumes().size());
        List<VolumeMount> mounts = runner(job).getVolumeMounts().stream()
                .filter(m -> m.getName().equals("model-store")).toList();
        assertEquals(1, mounts.size());
        assertEquals("/models", mounts.get(0).getMountPath());
        assertEquals(Boolean.FALSE, mounts.get(0).getReadOnly());
        assertEquals(2, runner(job).getVolumeMounts().size());
    }

    @Test
    void theJvmIsSizedFromTheInputAsLocallyAndSoIsTheMemoryUnlessTheTemplateSetsIt() {
        String template = """
                {"template": {"spec": {"containers": [{"name": "nlp-runner",
                  "env": [{"name": "TZ", "value": "UTC"}, {"name": "JAVA_OPTS", "value": "-Xmx3g -Dlab.x=y"}],
                  "resources": {"requests": {"cpu": "2"}}}]}}}
                """;

        Container sized = runner(TrainingJobs.desired(workload(), settings(template), HEAP_MB));
        Container chart = runner(TrainingJobs.desired(workload(), settings(CHART_TEMPLATE), HEAP_MB));

        assertEquals(RunnerJvm.COLLECTOR + " -Xmx1536m -Xmx3g -Dlab.x=y", env(sized, "JAVA_OPTS"),
                "the heap from the input, then the template's options: its -Xmx wins");
        assertEquals("UTC", env(sized, "TZ"));
        assertEquals(new Quantity("2560Mi"), sized.getResources().getRequests().get("memory"), "heap + 1 GiB beside it");
        assertEquals(new Quantity("2560Mi"), sized.getResources().getLimits().get("memory"));
        assertEquals(new Quantity("2"), sized.getResources().getRequests().get("cpu"));
        assertEquals(RunnerJvm.COLLECTOR + " -Xmx1536m", env(chart, "JAVA_OPTS"));
        assertEquals(new Quantity("8Gi"), chart.getResources().getRequests().get("memory"), "the template's own memory is kept");
        assertEquals(new Quantity("8Gi"), chart.getResources().getLimits().get("memory"));
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow().getValue();
    }

    @Test
    void theRunnersTerminationMessageIsTheOutcomeAndFallsBackToItsLogs() {
        Container container = runner(TrainingJobs.desired(workload(), settings(CHART_TEMPLATE), HEAP_MB));

        assertEquals("/dev/termination-log", container.getTerminationMessagePath());
        assertEquals("FallbackToLogsOnError", container.getTerminationMessagePolicy());
    }

    @Test
    void aTemplatesTerminationMessagePolicyIsKeptButNotItsPath() {
        String template = """
                {"template": {"spec": {"containers": [{"name": "nlp-runner", "terminationMessagePolicy": "File",
                                                       "terminationMessagePath": "/tmp/elsewhere"}]}}}
                """;

        Container container = runner(TrainingJobs.desired(workload(), settings(template), HEAP_MB));

        assertEquals("File", container.getTerminationMessagePolicy());
        assertEquals("/dev/termination-log", container.getTerminationMessagePath());
    }

    @Test
    void aFinishedJobIsKeptForTheConfiguredTtlUnlessTheTemplateSays() {
        assertEquals(3600, TrainingJobs.desired(workload(), settings(CHART_TEMPLATE), HEAP_MB).getSpec().getTtlSecondsAfterFinished());
        assertEquals(60, TrainingJobs.desired(workload(), settings("{\"ttlSecondsAfterFinished\": 60}"), HEAP_MB)
                .getSpec().getTtlSecondsAfterFinished());
        assertNull(TrainingJobs.desired(workload(), settings(CHART_TEMPLATE, 0), HEAP_MB).getSpec().getTtlSecondsAfterFinished(),
                "0: kept until deleted");
    }

    @Test
    void aBlankTemplateGetsTheConfiguredImageAndModelStore() {
        for (String blank : new String[] {null, "", " "}) {
            Job job = TrainingJobs.desired(workload(), settings(blank), HEAP_MB);

            PodSpec pod = job.getSpec().getTemplate().getSpec();
            assertEquals("Never", pod.getRestartPolicy());
            assertEquals(0, job.getSpec().getBackoffLimit());
            Container container = runner(job);
            assertEquals("nlp-runner", container.getName());
            assertEquals("nlp-runner:test", container.getImage());
            assertEquals("/dev/termination-log", container.getTerminationMessagePath());
            assertEquals(1, pod.getVolumes().size());
            assertEquals("model-store-claim", pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName());
            assertEquals(Boolean.FALSE, pod.getVolumes().get(0).getPersistentVolumeClaim().getReadOnly());
            assertEquals(1, container.getVolumeMounts().size());
            assertEquals("/models", container.getVolumeMounts().get(0).getMountPath());
        }
    }

    @Test
    void theSameRunAndSettingsGiveTheSameJobAndRunsDoNotShareParts() {
        TrainingJobs.Settings settings = settings(CHART_TEMPLATE);
        TrainingWorkload first = workload();

        Job job = TrainingJobs.desired(first, settings, HEAP_MB);
        TrainingJobs.desired(workload(), settings, HEAP_MB);

        assertEquals(job, TrainingJobs.desired(first, settings, HEAP_MB));
        assertEquals(first.runId().toString(),
                job.getSpec().getTemplate().getMetadata().getLabels().get("annotationlab.org/training-run"));
    }

    @Test
    void settingsThatCannotMakeAJobAreRefusedAtCheck() {
        IllegalArgumentException notAJobSpec = assertThrows(IllegalArgumentException.class,
                () -> TrainingJobs.check(settings("{\"backoffLimit\": \"many\"}")));
        assertTrue(notAJobSpec.getMessage().startsWith("the Job template is not a batch/v1 JobSpec: "),
                notAJobSpec.getMessage());

        IllegalArgumentException noImage = assertThrows(IllegalArgumentException.class, () -> TrainingJobs.check(
                new TrainingJobs.Settings("lab", " ", "model-store-claim", "/models", null, 3600)));
        assertTrue(noImage.getMessage().startsWith("no nlp-runner image"), noImage.getMessage());

        IllegalArgumentException noClaim = assertThrows(IllegalArgumentException.class, () -> TrainingJobs.check(
                new TrainingJobs.Settings("lab", "nlp-runner:test", null, "/models", null, 3600)));
        assertTrue(noClaim.getMessage().startsWith("no model store claim"), noClaim.getMessage());

        assertDoesNotThrow(() -> TrainingJobs.check(settings(CHART_TEMPLATE)));
    }

    private static TrainingJobs.Settings settings(String template) {
        return settings(template, 3600);
    }

    private static TrainingJobs.Settings settings(String template, long ttl) {
        return new TrainingJobs.Settings("lab", "nlp-runner:test", "model-store-claim", "/models", template, ttl);
    }

    private static TrainingWorkload workload() {
        UUID run = UUID.randomUUID();
        Path runDir = Path.of("/models/runs", run.toString());
        return new TrainingWorkload(run, PROJECT, "training-" + run, runDir,
                List.of("train", "--run-dir", runDir.toString()));
    }

    private static Container runner(Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("nlp-runner")).findFirst().orElseThrow();
    }
}
