package org.annotationlab.deploy.server;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.workloads.RunnerJvm;
import org.junit.jupiter.api.Test;

/** A project's model server Deployment and Service, built without a cluster: given a server and settings, their fields. */
class ModelServerDeploymentsTest {

    /** The Deployment spec the chart renders into LAB_WORKLOAD_TEMPLATE (lab.modelServerSpec), as JSON. */
    private static final String CHART_TEMPLATE = """
            {"replicas": 2,
             "selector": {"matchLabels": {"app.kubernetes.io/name": "model-server"}},
             "template": {
              "metadata": {"labels": {"app.kubernetes.io/name": "model-server", "app.kubernetes.io/instance": "lab"},
                           "annotations": {"prometheus.io/scrape": "true"}},
              "spec": {
               "serviceAccountName": "lab-nlp-runner",
               "securityContext": {"runAsNonRoot": true, "runAsUser": 1000, "fsGroup": 1000},
               "nodeSelector": {"pool": "serving"},
               "volumes": [
                {"name": "model-store", "persistentVolumeClaim": {"claimName": "lab-model-store", "readOnly": false}},
                {"name": "tmp", "emptyDir": {}}],
               "containers": [{
                "name": "nlp-runner", "image": "registry.example/annotationlab/nlp-runner:1.2.3",
                "ports": [{"name": "http", "containerPort": 9999}],
                "readinessProbe": {"httpGet": {"path": "/health/ready", "port": "http"}, "periodSeconds": 5},
                "resources": {"requests": {"cpu": "1", "memory": "3Gi"}, "limits": {"memory": "4Gi"}},
                "securityContext": {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}},
                "volumeMounts": [{"name": "model-store", "mountPath": "/models"},
                                 {"name": "tmp", "mountPath": "/tmp"}]}]}}}
            """;
    private static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    private static final String PROJECT_LABEL = "annotationlab.org/project";
    private static final UUID PROJECT = UUID.randomUUID();
    private static final long HEAP_MB = 640;

    @Test
    void theDeploymentIsTheProjectsByNameLabelsSelectorAndModels() {
        Map<String, String> models = new LinkedHashMap<>();
        models.put("b", "/models/y"); // not in order: the argument is sorted
        models.put("a", "/models/x");
        ModelServer server = server(models);

        Deployment deployment = desired(server, settings(CHART_TEMPLATE));

        assertEquals(server.name(), deployment.getMetadata().getName());
        assertEquals("lab", deployment.getMetadata().getNamespace());
        Map<String, String> selector = Map.of(PROJECT_LABEL, PROJECT.toString(), MANAGED_BY, "deploy-service");
        assertEquals(selector, deployment.getSpec().getSelector().getMatchLabels(), "the template's selector is replaced");
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertEquals(Map.of(MANAGED_BY, "deploy-service", PROJECT_LABEL, PROJECT.toString(),
                "app.kubernetes.io/name", "model-server", "app.kubernetes.io/instance", "lab"), podLabels);
        assertEquals(podLabels, deployment.getMetadata().getLabels());
        assertEquals(Map.of("prometheus.io/scrape", "true", "annotationlab.org/models", "a=/models/x,b=/models/y"),
                deployment.getSpec().getTemplate().getMetadata().getAnnotations());
        assertEquals(List.of("serve", "--host", "0.0.0.0", "--port", "8080", "--models", "a=/models/x,b=/models/y"),
                runner(deployment).getArgs());
    }

    @Test
    void theChartsReplicasSchedulingResourcesAndSecurityAreKept() {
        Deployment deployment = desired(server(Map.of("a", "/models/x")), settings(CHART_TEMPLATE));

        assertEquals(2, deployment.getSpec().getReplicas());
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertEquals("lab-nlp-runner", pod.getServiceAccountName());
        assertEquals(Map.of("pool", "serving"), pod.getNodeSelector());
        assertEquals(1000L, pod.getSecurityContext().getRunAsUser());
        assertEquals(1, pod.getContainers().size());
        Container container = runner(deployment);
        assertEquals("registry.example/annotationlab/nlp-runner:1.2.3", container.getImage(), "the template's image wins");
        assertEquals(new Quantity("4Gi"), container.getResources().getLimits().get("memory"));
        assertEquals(new Quantity("1"), container.getResources().getRequests().get("cpu"));
        assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop());
        assertEquals(5, container.getReadinessProbe().getPeriodSeconds(), "the template's probe is kept");
        assertNull(container.getLivenessProbe(), "a template without one gets none");
    }

    @Test
    void theJvmIsSizedFromTheModelsAsLocallyAndSoIsTheMemoryUnlessTheTemplateSetsIt() {
        String template = """
                {"template": {"spec": {"containers": [{"name": "nlp-runner",
                  "env": [{"name": "JAVA_OPTS", "value": "-Dlab.x=y"}], "resources": {"limits": {"memory": "2Gi"}}}]}}}
                """;

        Container sized = runner(desired(server(Map.of("a", "/models/x")), settings(template)));

        assertEquals(RunnerJvm.COLLECTOR + " -Xmx640m -Dlab.x=y", sized.getEnv().get(0).getValue());
        assertEquals(new Quantity("1152Mi"), sized.getResources().getRequests().get("memory"), "heap + 512 MB beside it");
        assertEquals(new Quantity("2Gi"), sized.getResources().getLimits().get("memory"), "the template's limit is kept");
    }

    @Test
    void theServerListensOnTheConfiguredPortNamedHttp() {
        Container container = runner(desired(server(Map.of("a", "/models/x")), settings(CHART_TEMPLATE)));

        assertEquals(1, container.getPorts().size());
        assertEquals("http", container.getPorts().get(0).getName());
        assertEquals(8080, container.getPorts().get(0).getContainerPort(), "the template's 9999 follows the setting");
    }

    @Test
    void theModelStoreIsMountedReadOnly() {
        Deployment deployment = desired(server(Map.of("a", "/models/x")), settings(CHART_TEMPLATE));

        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        List<Volume> stores = pod.getVolumes().stream().filter(v -> v.getName().equals("model-store")).toList();
        assertEquals(1, stores.size());
        assertEquals("lab-model-store", stores.get(0).getPersistentVolumeClaim().getClaimName(), "the template's claim wins");
        assertEquals(Boolean.TRUE, stores.get(0).getPersistentVolumeClaim().getReadOnly());
        assertEquals(2, pod.getVolumes().size());
        assertEquals(Boolean.TRUE, runner(deployment).getVolumeMounts().stream()
                .filter(m -> m.getName().equals("model-store")).findFirst().orElseThrow().getReadOnly());
    }

    @Test
    void aNewModelListRollsWithoutTakingAReadyPodAway() {
        String noSurge = "{\"strategy\": {\"type\": \"Recreate\", \"rollingUpdate\": {\"maxSurge\": \"0%\"}}}";
        String quarterSurge = "{\"strategy\": {\"rollingUpdate\": {\"maxSurge\": \"25%\", \"maxUnavailable\": 1}}}";

        RollingUpdateDeployment fromNoSurge = rolling(noSurge);
        RollingUpdateDeployment fromQuarterSurge = rolling(quarterSurge);

        assertEquals(new IntOrString(0), fromNoSurge.getMaxUnavailable());
        assertEquals(new IntOrString(1), fromNoSurge.getMaxSurge(), "both 0 is invalid");
        assertEquals(new IntOrString(0), fromQuarterSurge.getMaxUnavailable());
        assertEquals(new IntOrString("25%"), fromQuarterSurge.getMaxSurge());
    }

    @Test
    void aBlankTemplateGetsImagePortProbesAndTheConfiguredModelStore() {
        for (String blank : new String[] {null, "", " "}) {
            Deployment deployment = desired(server(Map.of("ner", "/models/runs/1")), settings(blank));

            assertEquals(1, deployment.getSpec().getReplicas());
            assertEquals("RollingUpdate", deployment.getSpec().getStrategy().getType());
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container container = runner(deployment);
            assertEquals("nlp-runner:test", container.getImage());
            assertEquals(8080, container.getPorts().get(0).getContainerPort());
            assertEquals("/health/ready", container.getReadinessProbe().getHttpGet().getPath());
            assertEquals(new IntOrString("http"), container.getReadinessProbe().getHttpGet().getPort());
            assertEquals("/health/live", container.getLivenessProbe().getHttpGet().getPath());
            assertEquals(1, pod.getVolumes().size());
            assertEquals("model-store-claim", pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName());
            assertEquals(Boolean.TRUE, pod.getVolumes().get(0).getPersistentVolumeClaim().getReadOnly());
            assertEquals("/models", container.getVolumeMounts().get(0).getMountPath());
            assertEquals(Boolean.TRUE, container.getVolumeMounts().get(0).getReadOnly());
        }
    }

    @Test
    void theServiceSendsItsPortToThePodsHttpPort() {
        ModelServer server = server(Map.of("a", "/models/x"));

        Service service = ModelServerDeployments.desiredService(server, settings(CHART_TEMPLATE));

        assertEquals(server.name(), service.getMetadata().getName());
        assertEquals("lab", service.getMetadata().getNamespace());
        assertEquals(desired(server, settings(CHART_TEMPLATE)).getMetadata().getLabels(),
                service.getMetadata().getLabels());
        assertEquals("ClusterIP", service.getSpec().getType());
        assertEquals(Map.of(PROJECT_LABEL, PROJECT.toString(), MANAGED_BY, "deploy-service"), service.getSpec().getSelector());
        assertEquals(1, service.getSpec().getPorts().size());
        ServicePort port = service.getSpec().getPorts().get(0);
        assertEquals("http", port.getName());
        assertEquals(8080, port.getPort());
        assertEquals(new IntOrString("http"), port.getTargetPort());
    }

    @Test
    void anUpdateKeepsWhatTheClusterAndOthersSetAndReplacesWhatThisServiceOwns() {
        ModelServer server = server(Map.of("a", "/models/x2"));
        Service wantedService = ModelServerDeployments.desiredService(server, settings(CHART_TEMPLATE));
        Service currentService = new ServiceBuilder(wantedService)
                .editMetadata().addToLabels("team", "nlp").endMetadata()
                .editSpec().withClusterIP("10.96.0.17").editFirstPort().withPort(1234).endPort().endSpec().build();
        Deployment wanted = desired(server, settings(CHART_TEMPLATE));
        Deployment current = new DeploymentBuilder(desired(server(Map.of("a", "/models/x")),
                settings(CHART_TEMPLATE)))
                .editMetadata().addToAnnotations("deployment.kubernetes.io/revision", "3").endMetadata()
                .withNewStatus().withObservedGeneration(3L).endStatus().build();

        Service service = ModelServerDeployments.updated(currentService, wantedService);
        Deployment deployment = ModelServerDeployments.updated(current, wanted);

        assertEquals("10.96.0.17", service.getSpec().getClusterIP());
        assertEquals("nlp", service.getMetadata().getLabels().get("team"));
        assertEquals(wantedService.getSpec().getPorts(), service.getSpec().getPorts());
        assertEquals(wanted.getSpec(), deployment.getSpec());
        assertEquals("3", deployment.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"));
        assertEquals(3L, deployment.getStatus().getObservedGeneration());
    }

    @Test
    void theSameServerAndSettingsGiveTheSameObjects() {
        ModelServer server = server(Map.of("a", "/models/x"));
        ModelServerDeployments.Settings settings = settings(CHART_TEMPLATE);

        Deployment deployment = desired(server, settings);
        desired(server(Map.of("b", "/models/y")), settings);

        assertEquals(deployment, desired(server, settings));
        assertEquals(ModelServerDeployments.desiredService(server, settings),
                ModelServerDeployments.desiredService(server, settings));
    }

    @Test
    void settingsThatCannotMakeAServerAreRefusedAtCheck() {
        assertRefused(new ModelServerDeployments.Settings("lab", "nlp-runner:test", "claim", "/models", null, 0),
                "the model server port 0 is not a port");
        assertRefused(new ModelServerDeployments.Settings("lab", "nlp-runner:test", "claim", "/models", null, 65536),
                "the model server port 65536 is not a port");
        assertRefused(settings("{\"replicas\": \"many\"}"), "the model server template is not an apps/v1 DeploymentSpec: ");
        assertRefused(settings("null"), "the model server template is not an apps/v1 DeploymentSpec");
        assertRefused(new ModelServerDeployments.Settings("lab", null, "claim", "/models", null, 8080), "no nlp-runner image");
        assertRefused(new ModelServerDeployments.Settings("lab", "nlp-runner:test", " ", "/models", null, 8080),
                "no model store claim");

        assertDoesNotThrow(() -> ModelServerDeployments.check(settings(CHART_TEMPLATE)));
    }

    private static void assertRefused(ModelServerDeployments.Settings settings, String messageStart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelServerDeployments.check(settings));
        assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
    }

    private static RollingUpdateDeployment rolling(String template) {
        Deployment deployment = desired(server(Map.of("a", "/models/x")), settings(template));
        assertEquals("RollingUpdate", deployment.getSpec().getStrategy().getType());
        return deployment.getSpec().getStrategy().getRollingUpdate();
    }

    /** The Deployment of a server whose models size its heap at {@value #HEAP_MB} MB. */
    private static Deployment desired(ModelServer server, ModelServerDeployments.Settings settings) {
        return ModelServerDeployments.desired(server, settings, HEAP_MB);
    }

    private static ModelServerDeployments.Settings settings(String template) {
        return new ModelServerDeployments.Settings("lab", "nlp-runner:test", "model-store-claim", "/models", template, 8080);
    }

    private static ModelServer server(Map<String, String> models) {
        return new ModelServer(PROJECT, ModelServer.nameOf(PROJECT), models);
    }

    private static Container runner(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("nlp-runner")).findFirst().orElseThrow();
    }
}
