package org.annotationlab.training;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Fabric8's mock Kubernetes API server in CRUD mode, with training-service configured to launch
 * its runs there as Jobs ({@code lab.training.launcher=kubernetes}, namespace {@code test}). The
 * service's client finds the server as Fabric8's clients do outside a cluster: through the
 * {@code kubernetes.*} system properties, set while the resource runs.
 * No Job ever runs: the test plays the Job controller (and the pod writing into the model store).
 */
public class KubernetesMockApi implements QuarkusTestResourceLifecycleManager {

    /** Fabric8's configuration of the service's client besides the server's URL: no kubeconfig, no service account. */
    private static final Map<String, String> CLIENT_PROPERTIES = Map.of(
            "kubernetes.trust.certificates", "true",
            "kubernetes.auth.tryKubeConfig", "false",
            "kubernetes.auth.tryServiceAccount", "false");

    private static KubernetesMockServer server;
    private static NamespacedKubernetesClient client;

    @Override
    public Map<String, String> start() {
        server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
        CLIENT_PROPERTIES.forEach(System::setProperty);
        System.setProperty("kubernetes.master", client.getConfiguration().getMasterUrl());
        return Map.of(
                "lab.training.kubernetes.namespace", "test",
                "lab.training.launcher", "kubernetes",
                "lab.training.max-concurrent", "2");
    }

    /** A client of the mock API, to look at and drive Jobs as the cluster would. */
    public static NamespacedKubernetesClient client() {
        return client;
    }

    @Override
    public void stop() {
        CLIENT_PROPERTIES.keySet().forEach(System::clearProperty);
        System.clearProperty("kubernetes.master");
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.destroy();
        }
    }
}
