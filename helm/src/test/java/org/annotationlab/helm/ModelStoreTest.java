package org.annotationlab.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The model store claim, and the workload templates training-service (Jobs) and deploy-service
 * (model servers) receive as LAB_WORKLOAD_TEMPLATE.
 */
class ModelStoreTest {

    @Test
    void modelStoreIsAReadWriteManyClaimKeptOnUninstall() {
        Map<String, Object> claim = Chart.defaults().get("PersistentVolumeClaim", "lab-model-store");

        assertEquals(List.of("ReadWriteMany"), Tree.list(claim, "spec", "accessModes"));
        assertFalse(Tree.find(claim, "spec", "storageClassName").isPresent(), "the cluster's default class");
        assertEquals("keep", Tree.str(claim, "metadata", "annotations", "helm.sh/resource-policy"));

        Map<String, Object> configured = Chart.render(null, Map.of("modelStore.storageClass", "nfs-client",
                "modelStore.size", "200Gi")).get("PersistentVolumeClaim", "lab-model-store");
        assertEquals("nfs-client", Tree.str(configured, "spec", "storageClassName"));
        assertEquals("200Gi", Tree.str(configured, "spec", "resources", "requests", "storage"));
    }

    @Test
    void trainingJobTemplateMountsTheModelStoreAndRunsTheNlpRunner() {
        Map<String, String> env = Chart.defaults().configMapData("lab-training-service");
        Map<String, Object> job = workloadTemplate(env);

        assertEquals("kubernetes", env.get("LAB_WORKLOAD_LAUNCHER"));
        assertEquals("lab-model-store", env.get("LAB_MODEL_STORE_PVC"));
        assertEquals("/models", env.get("LAB_MODEL_STORE_PATH"));
        assertEquals("2", env.get("LAB_TRAINING_MAX_CONCURRENT"));
        assertEquals(0, job.get("backoffLimit"));
        Map<String, Object> pod = Tree.map(job, "template", "spec");
        assertEquals("Never", pod.get("restartPolicy"));
        assertEquals("lab-nlp-runner", pod.get("serviceAccountName"));
        assertEquals(false, pod.get("automountServiceAccountToken"));
        assertEquals(Map.of("claimName", "lab-model-store", "readOnly", false),
                Tree.named(Tree.maps(pod, "volumes"), "model-store").get("persistentVolumeClaim"));
        Map<String, Object> container = Tree.map(pod, "containers", 0);
        assertEquals(env.get("LAB_NLP_RUNNER_IMAGE"), container.get("image"));
        assertEquals("docker.io/annotationlab/nlp-runner:0.1.0-SNAPSHOT", container.get("image"));
        assertEquals("/models", Tree.named(Tree.maps(container, "volumeMounts"), "model-store").get("mountPath"));
        assertEquals("/tmp", Tree.named(Tree.maps(container, "volumeMounts"), "tmp").get("mountPath"));
        assertEquals(Map.of("cpu", "2"), Tree.map(container, "resources", "requests"),
                "no memory: training-service sizes each Job from its input (TrainingJobsTest)");
        assertEquals(null, Tree.map(container, "resources").get("limits"));
    }

    @Test
    void modelServerTemplateMountsTheModelStoreReadOnlyAndProbesTheServer() {
        Map<String, String> env = Chart.defaults().configMapData("lab-deploy-service");
        Map<String, Object> deployment = workloadTemplate(env);

        assertEquals("kubernetes", env.get("LAB_WORKLOAD_LAUNCHER"));
        assertEquals("lab-model-store", env.get("LAB_MODEL_STORE_PVC"));
        assertEquals("8080", env.get("LAB_MODEL_SERVER_PORT"));
        Map<String, Object> pod = Tree.map(deployment, "template", "spec");
        assertEquals(Map.of("claimName", "lab-model-store", "readOnly", true),
                Tree.named(Tree.maps(pod, "volumes"), "model-store").get("persistentVolumeClaim"));
        Map<String, Object> container = Tree.map(pod, "containers", 0);
        assertEquals(env.get("LAB_NLP_RUNNER_IMAGE"), container.get("image"));
        assertEquals(8080, Tree.at(container, "ports", 0, "containerPort"));
        assertEquals("/health/ready", Tree.str(container, "readinessProbe", "httpGet", "path"));
        assertEquals("/health/live", Tree.str(container, "livenessProbe", "httpGet", "path"));
        assertEquals(true, Tree.named(Tree.maps(container, "volumeMounts"), "model-store").get("readOnly"));
    }

    @Test
    void workloadResourcesNodeSelectorAndTolerationsAreValues() {
        Manifests manifests = Chart.render(Chart.valuesFile(String.join("\n",
                "training-service:",
                "  maxConcurrent: 4",
                "  job:",
                "    resources: {requests: {cpu: '8', memory: 24Gi, nvidia.com/gpu: 1}, limits: {memory: 24Gi, nvidia.com/gpu: 1}}",
                "    nodeSelector: {pool: gpu}",
                "    tolerations: [{key: gpu, operator: Exists, effect: NoSchedule}]",
                "deploy-service:",
                "  modelServer:",
                "    replicas: 2",
                "    nodeSelector: {pool: inference}",
                "")), Map.of());

        Map<String, String> training = manifests.configMapData("lab-training-service");
        assertEquals("4", training.get("LAB_TRAINING_MAX_CONCURRENT"));
        Map<String, Object> jobPod = Tree.map(workloadTemplate(training), "template", "spec");
        assertEquals(Map.of("pool", "gpu"), jobPod.get("nodeSelector"));
        assertEquals(List.of(Map.of("key", "gpu", "operator", "Exists", "effect", "NoSchedule")), jobPod.get("tolerations"));
        assertEquals(1, Tree.at(jobPod, "containers", 0, "resources", "limits", "nvidia.com/gpu"));
        Map<String, Object> server = workloadTemplate(manifests.configMapData("lab-deploy-service"));
        assertEquals(2, server.get("replicas"));
        assertEquals(Map.of("pool", "inference"), Tree.at(server, "template", "spec", "nodeSelector"));
    }

    @Test
    void trainingAndDeployServicesMountTheModelStoreWhereTheirWorkloadsDo() {
        Manifests manifests = Chart.render(null, Map.of("modelStore.mountPath", "/data/models"));

        for (String name : List.of("training-service", "deploy-service")) {
            Map<String, Object> pod = Tree.map(manifests.get("Deployment", "lab-" + name), "spec", "template", "spec");
            assertEquals(Map.of("claimName", "lab-model-store"),
                    Tree.named(Tree.maps(pod, "volumes"), "model-store").get("persistentVolumeClaim"));
            assertEquals("/data/models", Tree.named(Tree.maps(pod, "containers", 0, "volumeMounts"), "model-store").get("mountPath"));
            Map<String, String> env = manifests.configMapData("lab-" + name);
            assertEquals("/data/models", env.get("LAB_MODEL_STORE_PATH"));
            assertEquals("/data/models", Tree.str(workloadTemplate(env), "template", "spec", "containers", 0, "volumeMounts", 0, "mountPath"));
        }
        for (String name : List.of("project-service", "annotation-service", "preannotation-service")) {
            assertFalse(manifests.get("Deployment", "lab-" + name).toString().contains("model-store"), name);
        }
    }

    @Test
    void anExistingClaimReplacesTheChartsOwn() {
        Manifests manifests = Chart.render(null, Map.of("modelStore.existingClaim", "shared-models"));

        assertEquals(List.of(), manifests.ofKind("PersistentVolumeClaim"));
        Map<String, String> env = manifests.configMapData("lab-training-service");
        assertEquals("shared-models", env.get("LAB_MODEL_STORE_PVC"));
        assertEquals("shared-models", Tree.str(workloadTemplate(env), "template", "spec", "volumes", 0, "persistentVolumeClaim", "claimName"));
    }

    /** LAB_WORKLOAD_TEMPLATE (JSON) parsed. */
    static Map<String, Object> workloadTemplate(Map<String, String> env) {
        return new Yaml().load(env.get("LAB_WORKLOAD_TEMPLATE"));
    }
}
