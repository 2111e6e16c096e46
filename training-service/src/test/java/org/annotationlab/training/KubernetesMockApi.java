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
 * its runs there as Jobs ({@code lab.training.launcher=kubernetes}, namespace {@code test}).
 * No Job ever runs: the test plays the Job controller (and the pod writing into the model store).
 */
public class KubernetesMockApi implements QuarkusTestResourceLifecycleManager {

    private static KubernetesMockServer server;
    private static NamespacedKubernetesClient client;

    @Override
    public Map<String, String> start() {
        server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
        return Map.of(
                "quarkus.kubernetes-client.api-server-url", client.getConfiguration().getMasterUrl(),
                "quarkus.kubernetes-client.namespace", "test",
                "quarkus.kubernetes-client.trust-certs", "true",
                "lab.training.launcher", "kubernetes",
                "lab.training.max-concurrent", "2");
    }

    /** A client of the mock API, to look at and drive Jobs as the cluster would. */
    public static NamespacedKubernetesClient client() {
        return client;
    }

    @Override
    public void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.destroy();
        }
    }
}
