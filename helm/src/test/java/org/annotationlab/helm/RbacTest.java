package org.annotationlab.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Namespaced, minimal permissions: training-service runs Jobs, deploy-service runs model servers. */
class RbacTest {

    @Test
    void trainingServiceMayRunJobsAndReadTheirPodsAndLogsOnly() {
        assertEquals(Set.of(
                        "batch/jobs: create delete get list watch",
                        "/pods: get list watch",
                        "/pods/log: get"),
                rules(Chart.defaults().get("Role", "lab-training-service")));
    }

    @Test
    void deployServiceMayManageModelServerDeploymentsAndServicesOnly() {
        assertEquals(Set.of(
                        "apps/deployments: create delete get list patch update watch",
                        "/services: create delete get list patch update",
                        "/pods: get list watch"),
                rules(Chart.defaults().get("Role", "lab-deploy-service")));
    }

    @Test
    void eachRoleIsBoundToTheServiceAccountItsServiceRunsAs() {
        Manifests manifests = Chart.defaults();

        for (String name : List.of("training-service", "deploy-service")) {
            Map<String, Object> binding = manifests.get("RoleBinding", "lab-" + name);
            assertEquals(Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "Role", "name", "lab-" + name),
                    Tree.map(binding, "roleRef"));
            assertEquals(List.of(Map.of("kind", "ServiceAccount", "name", "lab-" + name, "namespace", Chart.NAMESPACE)),
                    Tree.list(binding, "subjects"));
            assertEquals("lab-" + name, Tree.str(manifests.get("Deployment", "lab-" + name),
                    "spec", "template", "spec", "serviceAccountName"));
        }
        assertEquals(List.of("lab-training-service", "lab-deploy-service"), manifests.names("Role"));
    }

    @Test
    void nothingIsClusterWide() {
        for (Manifests manifests : List.of(Chart.defaults(), Chart.bundled())) {
            assertEquals(List.of(), manifests.ofKind("ClusterRole"));
            assertEquals(List.of(), manifests.ofKind("ClusterRoleBinding"));
            for (Map<String, Object> role : manifests.ofKind("Role")) {
                assertFalse(role.toString().contains("*"), "no wildcard in " + role);
            }
        }
    }

    @Test
    void onlyTrainingAndDeployServicesGetAKubernetesApiToken() {
        Manifests manifests = Chart.defaults();

        Chart.SERVICES.keySet().forEach(name -> {
            boolean needsApi = name.equals("training-service") || name.equals("deploy-service");
            assertEquals(needsApi, Tree.at(manifests.get("Deployment", "lab-" + name),
                    "spec", "template", "spec", "automountServiceAccountToken"), name);
            assertEquals(needsApi, Tree.at(manifests.get("ServiceAccount", "lab-" + name), "automountServiceAccountToken"), name);
        });
    }

    @Test
    void nlpRunnerWorkloadsRunWithoutAnyPermission() {
        Manifests manifests = Chart.defaults();

        assertEquals(false, Tree.at(manifests.get("ServiceAccount", "lab-nlp-runner"), "automountServiceAccountToken"));
        manifests.ofKind("RoleBinding").forEach(binding ->
                assertFalse(binding.toString().contains("lab-nlp-runner"), binding.toString()));
    }

    @Test
    void rolesCanBeLeftToTheOperator() {
        Manifests manifests = Chart.render(null, Map.of("rbac.create", "false"));

        assertEquals(List.of(), manifests.ofKind("Role"));
        assertEquals(List.of(), manifests.ofKind("RoleBinding"));
    }

    /** Each rule as "group/resource: sorted verbs", one entry per resource. */
    private static Set<String> rules(Map<String, Object> role) {
        Set<String> rules = new TreeSet<>();
        for (Map<String, Object> rule : Tree.maps(role, "rules")) {
            String verbs = Tree.list(rule, "verbs").stream().map(String::valueOf).sorted().collect(Collectors.joining(" "));
            for (Object group : Tree.list(rule, "apiGroups")) {
                for (Object resource : Tree.list(rule, "resources")) {
                    rules.add(group + "/" + resource + ": " + verbs);
                }
            }
        }
        return rules;
    }
}
