package org.annotationlab.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.annotationlab.helm.NginxGateway.Forward;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Ingress routes /api/<area> to the service owning the resource (docs/api-gateway.md). */
class GatewayTest {

    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of("/api/projects", "project-service", "/projects"),
                Arguments.of("/api/projects/7", "project-service", "/projects/7"),
                Arguments.of("/api/projects/7/members/alice", "project-service", "/projects/7/members/alice"),
                Arguments.of("/api/projects/7/labeling-config", "project-service", "/projects/7/labeling-config"),
                Arguments.of("/api/annotations/projects/7/tasks", "annotation-service", "/projects/7/tasks"),
                Arguments.of("/api/annotations/projects/7/tasks/3/completions", "annotation-service",
                        "/projects/7/tasks/3/completions"),
                Arguments.of("/api/trainings/projects/7/trainings", "training-service", "/projects/7/trainings"),
                Arguments.of("/api/trainings/projects/7/trainings/status", "training-service",
                        "/projects/7/trainings/status"),
                Arguments.of("/api/trainings/trainings/42/logs", "training-service", "/trainings/42/logs"),
                Arguments.of("/api/deployments/projects/7/deployments/latest", "deploy-service",
                        "/projects/7/deployments/latest"),
                Arguments.of("/api/models", "deploy-service", "/models"),
                Arguments.of("/api/models/clinical_ner_v3", "deploy-service", "/models/clinical_ner_v3"),
                Arguments.of("/api/preannotations/projects/7/preannotations", "preannotation-service",
                        "/projects/7/preannotations"));
    }

    @ParameterizedTest
    @MethodSource("routes")
    void routesEachAreaToTheServiceOwningIt(String request, String service, String forwardedPath) {
        Optional<Forward> forward = gateway(Chart.defaults()).route(request);

        assertEquals(Optional.of(new Forward("lab-" + service, Chart.SERVICES.get(service), forwardedPath)), forward);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/annotations/q/metrics", "/api/trainings/q/health/live", "/api/deployments/q/openapi",
            "/api/preannotations/q", "/q/metrics", "/projects/7", "/api/projectsx", "/api/unknown/projects/7", "/auth/realms"})
    void managementEndpointsAndUnknownPathsAreNotRouted(String request) {
        assertEquals(Optional.empty(), gateway(Chart.defaults()).route(request));
    }

    @Test
    void ingressClassHostAndTlsAreValues() {
        Map<String, Object> ingress = Chart.render(null, Map.of("ingress.className", "traefik",
                "ingress.host", "lab.example.com", "ingress.tls.enabled", "true", "ingress.tls.secretName", "lab-tls"))
                .get("Ingress", "lab-gateway");

        assertEquals("traefik", Tree.str(ingress, "spec", "ingressClassName"));
        assertEquals("lab.example.com", Tree.str(ingress, "spec", "rules", 0, "host"));
        assertEquals(Map.of("secretName", "lab-tls", "hosts", List.of("lab.example.com")),
                Tree.map(ingress, "spec", "tls", 0));
        assertFalse(Tree.find(Chart.defaults().get("Ingress", "lab-gateway"), "spec", "tls").isPresent(),
                "TLS is off by default");
    }

    @Test
    void bundledKeycloakIsServedUnderAuth() {
        NginxGateway gateway = gateway(Chart.bundled());

        assertEquals(Optional.of(new Forward("lab-keycloak", 8080, "/auth/realms/annotationlab/protocol/openid-connect/token")),
                gateway.route("/auth/realms/annotationlab/protocol/openid-connect/token"));
        assertTrue(gateway.route("/api/projects/7").isPresent());
    }

    @Test
    void aDisabledServiceHasNoRoute() {
        NginxGateway gateway = gateway(Chart.render(null, Map.of("annotation-service.enabled", "false")));

        assertEquals(Optional.empty(), gateway.route("/api/annotations/projects/7/tasks"));
        assertTrue(gateway.route("/api/trainings/projects/7/trainings").isPresent());
    }

    @Test
    void largeImportsAndLongExportsPassTheGateway() {
        Map<String, Object> annotations = Tree.map(Chart.defaults().get("Ingress", "lab-gateway"), "metadata", "annotations");

        assertEquals("256m", annotations.get("nginx.ingress.kubernetes.io/proxy-body-size"));
        assertEquals("300", annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout"));
    }

    @Test
    void theIngressCanBeLeftToTheOperator() {
        assertEquals(List.of(), Chart.render(null, Map.of("ingress.enabled", "false")).ofKind("Ingress"));
    }

    private static NginxGateway gateway(Manifests manifests) {
        return new NginxGateway(manifests.get("Ingress", "lab-gateway"));
    }
}
