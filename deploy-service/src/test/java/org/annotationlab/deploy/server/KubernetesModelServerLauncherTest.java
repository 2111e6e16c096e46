package org.annotationlab.deploy.server;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.deploy.server.ServerStatus.Phase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against the Fabric8 mock API server in CRUD mode: Deployments, Services and watches behave like the API's. */
@EnableKubernetesMockClient(crud = true)
class KubernetesModelServerLauncherTest {

    /** The Deployment spec the chart renders into LAB_WORKLOAD_TEMPLATE (lab.modelServerSpec), as JSON. */
    private static final String CHART_TEMPLATE = """
            {"replicas": 1,
             "template": {
              "metadata": {"labels": {"app.kubernetes.io/name": "model-server", "app.kubernetes.io/instance": "lab",
                                      "app.kubernetes.io/part-of": "annotation-lab"},
                           "annotations": {"prometheus.io/scrape": "true"}},
              "spec": {
               "serviceAccountName": "lab-nlp-runner",
               "automountServiceAccountToken": false, "enableServiceLinks": false,
               "securityContext": {"runAsNonRoot": true, "runAsUser": 1000, "fsGroup": 1000},
               "nodeSelector": {"pool": "serving"},
               "volumes": [
                {"name": "model-store", "persistentVolumeClaim": {"claimName": "lab-model-store", "readOnly": true}},
                {"name": "tmp", "emptyDir": {}}],
               "containers": [{
                "name": "nlp-runner", "image": "registry.example/annotationlab/nlp-runner:1.2.3",
                "imagePullPolicy": "IfNotPresent", "terminationMessagePolicy": "FallbackToLogsOnError",
                "ports": [{"name": "http", "containerPort": 8080}],
                "readinessProbe": {"httpGet": {"path": "/health/ready", "port": "http"},
                                   "periodSeconds": 10, "failureThreshold": 3},
                "livenessProbe": {"httpGet": {"path": "/health/live", "port": "http"},
                                  "periodSeconds": 20, "failureThreshold": 3},
                "resources": {"requests": {"cpu": "1", "memory": "3Gi"}, "limits": {"memory": "4Gi"}},
                "securityContext": {"allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true,
                                    "capabilities": {"drop": ["ALL"]}},
                "volumeMounts": [{"name": "model-store", "mountPath": "/models", "readOnly": true},
                                 {"name": "tmp", "mountPath": "/tmp"}]}]}}}
            """;
    private static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    private static final String PROJECT_LABEL = "annotationlab.org/project";
    private static final String MODELS_ANNOTATION = "annotationlab.org/models";

    /** Injected by the extension: a new mock server per test, namespace "test". */
    KubernetesClient client;

    private final List<KubernetesModelServerLauncher> launchers = new ArrayList<>();

    @AfterEach
    void closeLaunchers() {
        launchers.forEach(KubernetesModelServerLauncher::close);
    }

    @Test
    void applyBuildsTheDeploymentAndServiceFromTheChartTemplate() throws Exception {
        UUID project = UUID.randomUUID();
        Map<String, String> models = new LinkedHashMap<>();
        models.put("b", "/models/y"); // not in order: the argument is sorted
        models.put("a", "/models/x");
        ModelServer server = server(project, models);

        String url = launcher(CHART_TEMPLATE).apply(server);

        assertEquals("http://" + server.name() + ".test.svc:8080", url);
        Deployment deployment = deployment(server.name());
        assertNotNull(deployment);
        Map<String, String> expectedLabels = Map.of(
                MANAGED_BY, "deploy-service",
                PROJECT_LABEL, project.toString(),
                "app.kubernetes.io/name", "model-server");
        assertTrue(deployment.getMetadata().getLabels().entrySet().containsAll(expectedLabels.entrySet()),
                deployment.getMetadata().getLabels().toString());
        Map<String, String> selector = Map.of(PROJECT_LABEL, project.toString(), MANAGED_BY, "deploy-service");
        assertEquals(selector, deployment.getSpec().getSelector().getMatchLabels());
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(podLabels.entrySet().containsAll(expectedLabels.entrySet()), podLabels.toString());
        assertEquals("lab", podLabels.get("app.kubernetes.io/instance"));
        assertEquals(Map.of("prometheus.io/scrape", "true", MODELS_ANNOTATION, "a=/models/x,b=/models/y"),
                deployment.getSpec().getTemplate().getMetadata().getAnnotations());
        assertEquals(1, deployment.getSpec().getReplicas());
        assertEquals("RollingUpdate", deployment.getSpec().getStrategy().getType());
        assertEquals(new IntOrString(0), deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable());

        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertEquals("lab-nlp-runner", pod.getServiceAccountName());
        assertEquals(Map.of("pool", "serving"), pod.getNodeSelector());
        assertEquals(1000L, pod.getSecurityContext().getRunAsUser());
        assertEquals(1, pod.getContainers().size());
        Container container = pod.getContainers().get(0);
        assertEquals("nlp-runner", container.getName());
        assertEquals("registry.example/annotationlab/nlp-runner:1.2.3", container.getImage());
        assertEquals(List.of("serve", "--host", "0.0.0.0", "--port", "8080", "--models", "a=/models/x,b=/models/y"),
                container.getArgs());
        assertEquals(1, container.getPorts().size());
        assertEquals("http", container.getPorts().get(0).getName());
        assertEquals(8080, container.getPorts().get(0).getContainerPort());
        assertEquals("/health/ready", container.getReadinessProbe().getHttpGet().getPath());
        assertEquals(new IntOrString("http"), container.getReadinessProbe().getHttpGet().getPort());
        assertEquals("/health/live", container.getLivenessProbe().getHttpGet().getPath());
        assertEquals(new Quantity("4Gi"), container.getResources().getLimits().get("memory"));
        assertEquals(new Quantity("1"), container.getResources().getRequests().get("cpu"));
        assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop());

        List<Volume> stores = pod.getVolumes().stream().filter(v -> v.getName().equals("model-store")).toList();
        assertEquals(1, stores.size());
        assertEquals("lab-model-store", stores.get(0).getPersistentVolumeClaim().getClaimName());
        assertEquals(Boolean.TRUE, stores.get(0).getPersistentVolumeClaim().getReadOnly());
        assertEquals(2, pod.getVolumes().size());
        List<VolumeMount> mounts = container.getVolumeMounts().stream()
                .filter(m -> m.getName().equals("model-store")).toList();
        assertEquals(1, mounts.size());
        assertEquals("/models", mounts.get(0).getMountPath());
        assertEquals(Boolean.TRUE, mounts.get(0).getReadOnly());
        assertEquals(2, container.getVolumeMounts().size());

        Service service = client.services().withName(server.name()).get();
        assertNotNull(service);
        assertEquals("ClusterIP", service.getSpec().getType());
        assertEquals(selector, service.getSpec().getSelector());
        assertTrue(service.getMetadata().getLabels().entrySet().containsAll(expectedLabels.entrySet()));
        assertEquals(1, service.getSpec().getPorts().size());
        ServicePort port = service.getSpec().getPorts().get(0);
        assertEquals(8080, port.getPort());
        assertEquals(new IntOrString("http"), port.getTargetPort());
    }

    @Test
    void aBlankTemplateGetsImagePortProbesAndAReadOnlyModelStore() throws Exception {
        ModelServer server = server(UUID.randomUUID(), Map.of("ner", "/models/runs/1"));

        launcher(" ").apply(server);

        Deployment deployment = deployment(server.name());
        assertEquals(1, deployment.getSpec().getReplicas());
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        assertEquals("nlp-runner", container.getName());
        assertEquals("nlp-runner:test", container.getImage());
        assertEquals(8080, container.getPorts().get(0).getContainerPort());
        assertEquals("/health/ready", container.getReadinessProbe().getHttpGet().getPath());
        assertEquals("/health/live", container.getLivenessProbe().getHttpGet().getPath());
        assertEquals(1, pod.getVolumes().size());
        assertEquals("model-store-claim", pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName());
        assertEquals(Boolean.TRUE, pod.getVolumes().get(0).getPersistentVolumeClaim().getReadOnly());
        assertEquals(1, container.getVolumeMounts().size());
        assertEquals("/models", container.getVolumeMounts().get(0).getMountPath());
        assertEquals(Boolean.TRUE, container.getVolumeMounts().get(0).getReadOnly());
    }

    @Test
    void redeployingMovesTheSameDeploymentToTheNewListAndIsReadyOnceRolledOut() throws Exception {
        KubernetesModelServerLauncher launcher = launcher(CHART_TEMPLATE);
        UUID project = UUID.randomUUID();
        ModelServer first = server(project, Map.of("a", "/models/x"));
        ModelServer second = server(project, Map.of("a", "/models/x2", "c", "/models/z"));
        launcher.apply(first);
        assertEquals(Phase.STARTING, launcher.status(first).phase());
        rollOut(first.name());
        assertEquals(ServerStatus.ready(), await(launcher, first, Phase.READY));
        long generation = deployment(first.name()).getMetadata().getGeneration();
        // The API server allocated a cluster IP; someone changed the port by hand.
        client.services().withName(first.name()).edit(s -> new ServiceBuilder(s).editSpec()
                .withClusterIP("10.96.0.17").editFirstPort().withPort(1234).endPort().endSpec().build());

        assertEquals("http://" + second.name() + ".test.svc:8080", launcher.apply(second));

        List<Deployment> all = client.apps().deployments().withLabel(MANAGED_BY, "deploy-service").list().getItems();
        assertEquals(1, all.size());
        Deployment deployment = all.get(0);
        assertEquals(second.name(), deployment.getMetadata().getName());
        assertEquals("a=/models/x2,c=/models/z",
                deployment.getSpec().getTemplate().getMetadata().getAnnotations().get(MODELS_ANNOTATION));
        assertEquals(List.of("serve", "--host", "0.0.0.0", "--port", "8080", "--models", "a=/models/x2,c=/models/z"),
                deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs());
        assertTrue(deployment.getMetadata().getGeneration() > generation, "generation bumped by the spec change");
        assertEquals(1, deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("model-store")).count());
        List<Service> services = client.services().withLabel(MANAGED_BY, "deploy-service").list().getItems();
        assertEquals(1, services.size());
        assertEquals(8080, services.get(0).getSpec().getPorts().get(0).getPort());
        assertEquals("10.96.0.17", services.get(0).getSpec().getClusterIP());

        // Whoever asks about the previous list is told it is not what the Deployment runs now
        // (READY until the watch delivers the update).
        assertEquals(ServerStatus.starting(), await(launcher, first, Phase.STARTING));
        // The status still describes the previous rollout: the new list is not ready yet.
        assertEquals(ServerStatus.starting(), launcher.status(second));

        rollOut(second.name());

        assertEquals(ServerStatus.ready(), await(launcher, second, Phase.READY));
        assertEquals(ServerStatus.starting(), launcher.status(first));
    }

    @Test
    void aRolloutPastItsDeadlineOrWithoutPodsFails() throws Exception {
        KubernetesModelServerLauncher launcher = launcher(CHART_TEMPLATE);
        ModelServer deadline = server(UUID.randomUUID(), Map.of("a", "/models/broken"));
        ModelServer quota = server(UUID.randomUUID(), Map.of("a", "/models/x"));
        launcher.apply(deadline);
        launcher.apply(quota);

        setStatus(deadline.name(), 0, new DeploymentConditionBuilder()
                .withType("Progressing").withStatus("False").withReason("ProgressDeadlineExceeded")
                .withMessage("ReplicaSet \"" + deadline.name() + "-5d4f8\" has timed out progressing.")
                .build());
        setStatus(quota.name(), 0, new DeploymentConditionBuilder()
                .withType("ReplicaFailure").withStatus("True").withReason("FailedCreate")
                .withMessage("pods \"x\" is forbidden: exceeded quota")
                .build());

        assertEquals(ServerStatus.failed("the model server did not become ready: ReplicaSet \"" + deadline.name()
                + "-5d4f8\" has timed out progressing."), await(launcher, deadline, Phase.FAILED));
        ServerStatus failed = await(launcher, quota, Phase.FAILED);
        assertTrue(failed.message().contains("exceeded quota"), failed.message());
    }

    @Test
    void aRestartedLauncherFindsItsServersAndRemoveDeletesThem() throws Exception {
        UUID project = UUID.randomUUID();
        ModelServer server = server(project, Map.of("a", "/models/x"));
        KubernetesModelServerLauncher before = launcher(CHART_TEMPLATE);
        before.apply(server);
        rollOut(server.name());
        before.close();

        KubernetesModelServerLauncher after = launcher(CHART_TEMPLATE);

        assertEquals(ServerStatus.ready(), await(after, server, Phase.READY));
        // Asked about another list than the one deployed (a deployment the service has not applied yet).
        assertEquals(ServerStatus.starting(), after.status(server(project, Map.of("a", "/models/other"))));

        // The Deployment was listed, not watched: the restarted informer's watch may not be open yet,
        // and the mock API server, unlike a real one, replays no event from before a watch opened. A
        // change seen through the watch shows it is open before the delete that only the watch reports.
        setStatus(server.name(), 0, new DeploymentConditionBuilder()
                .withType("Progressing").withStatus("True").withReason("ReplicaSetUpdated").build());
        assertEquals(Phase.STARTING, await(after, server, Phase.STARTING).phase());
        client.apps().deployments().withName(server.name()).delete();
        ServerStatus missing = await(after, server, Phase.MISSING);
        assertEquals(ServerStatus.missing("no model server Deployment " + server.name() + " in namespace test"),
                missing);

        after.apply(server);
        assertNotNull(deployment(server.name()));
        after.remove(project);
        assertNull(deployment(server.name()));
        assertNull(client.services().withName(server.name()).get());
        assertDoesNotThrow(() -> after.remove(project));
        assertEquals(Phase.MISSING, await(after, server, Phase.MISSING).phase());
    }

    private KubernetesModelServerLauncher launcher(String template) {
        KubernetesModelServerLauncher launcher = new KubernetesModelServerLauncher(client,
                new ModelServerDeployments.Settings(null, "nlp-runner:test", "model-store-claim", "/models",
                        template, 8080));
        launchers.add(launcher);
        return launcher;
    }

    private static ModelServer server(UUID project, Map<String, String> models) {
        return new ModelServer(project, ModelServer.nameOf(project), models);
    }

    private Deployment deployment(String name) {
        return client.apps().deployments().withName(name).get();
    }

    /** Plays the Deployment controller: the current spec rolled out, one updated, ready, available pod. */
    private void rollOut(String name) {
        setStatus(name, 1, new DeploymentConditionBuilder()
                .withType("Available").withStatus("True").withReason("MinimumReplicasAvailable").build());
    }

    /** Plays the Deployment controller: the current generation observed with {@code pods} updated, ready pods. */
    private void setStatus(String name, int pods, DeploymentCondition condition) {
        client.apps().deployments().withName(name).editStatus(d -> new DeploymentBuilder(d).withNewStatus()
                .withObservedGeneration(d.getMetadata().getGeneration())
                .withReplicas(pods)
                .withUpdatedReplicas(pods)
                .withReadyReplicas(pods)
                .withAvailableReplicas(pods)
                .withConditions(condition)
                .endStatus()
                .build());
    }

    /** Polls like the service does until the phase is reached; the last status after 10 s. */
    private static ServerStatus await(KubernetesModelServerLauncher launcher, ModelServer server, Phase phase)
            throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        ServerStatus status = launcher.status(server);
        while (status.phase() != phase && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = launcher.status(server);
        }
        return status;
    }
}
