package org.annotationlab.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every pod runs as non-root, without privilege escalation or capabilities. */
class SecurityContextTest {

    @Test
    void everyPodRunsAsNonRootWithoutPrivilegeEscalationOrCapabilities() {
        Manifests manifests = Chart.bundled();

        for (Map<String, Object> pod : pods(manifests)) {
            assertEquals(true, Tree.at(pod, "spec", "securityContext", "runAsNonRoot"), pod.toString());
            assertEquals("RuntimeDefault", Tree.str(pod, "spec", "securityContext", "seccompProfile", "type"));
            for (Map<String, Object> container : Tree.maps(pod, "spec", "containers")) {
                assertEquals(false, Tree.at(container, "securityContext", "allowPrivilegeEscalation"), container.toString());
                assertEquals(List.of("ALL"), Tree.list(container, "securityContext", "capabilities", "drop"));
            }
        }
    }

    @Test
    void servicesWorkloadsAndPostgresqlHaveAReadOnlyRootFilesystemAndAWritableTmp() {
        Manifests manifests = Chart.bundled();
        List<Map<String, Object>> pods = new ArrayList<>();
        Chart.SERVICES.keySet().forEach(name -> pods.add(Tree.map(manifests.get("Deployment", "lab-" + name), "spec", "template")));
        pods.add(Tree.map(manifests.get("StatefulSet", "lab-postgresql"), "spec", "template"));
        pods.addAll(workloadPods(manifests));

        for (Map<String, Object> pod : pods) {
            Map<String, Object> container = Tree.map(pod, "spec", "containers", 0);
            assertEquals(true, Tree.at(container, "securityContext", "readOnlyRootFilesystem"), container.toString());
            Map<String, Object> tmp = Tree.named(Tree.maps(pod, "spec", "volumes"), "tmp");
            assertTrue(tmp.containsKey("emptyDir"), tmp.toString());
            assertEquals("/tmp", Tree.named(Tree.maps(container, "volumeMounts"), "tmp").get("mountPath"));
        }
    }

    /** Pod templates of the release's Deployments and StatefulSets, and of the workload templates. */
    private static List<Map<String, Object>> pods(Manifests manifests) {
        List<Map<String, Object>> pods = new ArrayList<>();
        for (String kind : List.of("Deployment", "StatefulSet")) {
            manifests.ofKind(kind).forEach(workload -> pods.add(Tree.map(workload, "spec", "template")));
        }
        pods.addAll(workloadPods(manifests));
        return pods;
    }

    private static List<Map<String, Object>> workloadPods(Manifests manifests) {
        return List.of(
                Tree.map(ModelStoreTest.workloadTemplate(manifests.configMapData("lab-training-service")), "template"),
                Tree.map(ModelStoreTest.workloadTemplate(manifests.configMapData("lab-deploy-service")), "template"));
    }
}
