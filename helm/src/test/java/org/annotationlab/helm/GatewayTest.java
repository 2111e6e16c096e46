package org.annotationlab.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.annotationlab.helm.Gateway.Forward;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The gateway routes /api/<area> to the service owning the resource (docs/api-gateway.md), the
 * same way whether it is rendered as the Gateway API HTTPRoute (the default) or as the Ingress:
 * both come from routes.json, and every example is replayed on both.
 */
class GatewayTest {

    /** The two renderings, from the same values plus this one. */
    enum Kind {
        HTTP_ROUTE(Map.of(), m -> new HttpRouteGateway(m.get("HTTPRoute", "lab-gateway"))),
        INGRESS(Map.of("gateway.ingress.enabled", "true", "gateway.httpRoute.enabled", "false"),
                m -> new NginxGateway(m.get("Ingress", "lab-gateway")));

        final Map<String, String> values;
        final Function<Manifests, Gateway> gateway;

        Kind(Map<String, String> values, Function<Manifests, Gateway> gateway) {
            this.values = values;
            this.gateway = gateway;
        }

        Gateway render(Map<String, String> more) {
            Map<String, String> all = new java.util.HashMap<>(values);
            all.putAll(more);
            return gateway.apply(Chart.render(null, all));
        }

        Gateway bundled() {
            return gateway.apply(Chart.render(Chart.BUNDLED_VALUES, values));
        }
    }

    static final List<List<String>> EXAMPLES = List.of(
            List.of("/api/projects", "project-service", "/projects"),
            List.of("/api/projects/7", "project-service", "/projects/7"),
            List.of("/api/projects/7/members/alice", "project-service", "/projects/7/members/alice"),
            List.of("/api/projects/7/labeling-config", "project-service", "/projects/7/labeling-config"),
            List.of("/api/annotations/projects/7/tasks", "annotation-service", "/projects/7/tasks"),
            List.of("/api/annotations/projects/7/tasks/3/completions", "annotation-service",
                    "/projects/7/tasks/3/completions"),
            List.of("/api/trainings/projects/7/trainings", "training-service", "/projects/7/trainings"),
            List.of("/api/trainings/projects/7/trainings/status", "training-service", "/projects/7/trainings/status"),
            List.of("/api/trainings/trainings/42/logs", "training-service", "/trainings/42/logs"),
            List.of("/api/deployments/projects/7/deployments/latest", "deploy-service", "/projects/7/deployments/latest"),
            List.of("/api/models", "deploy-service", "/models"),
            List.of("/api/models/clinical_ner_v3", "deploy-service", "/models/clinical_ner_v3"),
            List.of("/api/preannotations/projects/7/preannotations", "preannotation-service", "/projects/7/preannotations"));

    static final List<String> NOT_ROUTED = List.of("/api/annotations/q/metrics", "/api/trainings/q/health/live",
            "/api/deployments/q/openapi", "/api/preannotations/q", "/api/projectsx", "/api/unknown/projects/7", "/api");

    /** Everything else is the web UI's: its files, and its client-side routes (answered with index.html). */
    static final List<String> TO_THE_UI = List.of("/", "/app.js", "/index.html", "/projects/7", "/q/metrics",
            "/auth/realms");

    static Stream<Arguments> examples() {
        return Stream.of(Kind.values()).flatMap(kind -> EXAMPLES.stream().map(e -> Arguments.of(kind, e.get(0), e.get(1), e.get(2))));
    }

    static Stream<Arguments> notRouted() {
        return Stream.of(Kind.values()).flatMap(kind -> NOT_ROUTED.stream().map(path -> Arguments.of(kind, path)));
    }

    static Stream<Arguments> toTheUi() {
        return Stream.of(Kind.values()).flatMap(kind -> TO_THE_UI.stream().map(path -> Arguments.of(kind, path)));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void routesEachAreaToTheServiceOwningIt(Kind kind, String request, String service, String forwardedPath) {
        assertEquals(Optional.of(new Forward("lab-" + service, Chart.SERVICES.get(service), forwardedPath)),
                kind.render(Map.of()).route(request));
    }

    @ParameterizedTest
    @MethodSource("notRouted")
    void managementEndpointsAndUnknownPathsAreNotRouted(Kind kind, String request) {
        assertEquals(Optional.empty(), kind.render(Map.of()).route(request));
    }

    @ParameterizedTest
    @MethodSource("toTheUi")
    void everyOtherPathReachesTheWebUiUnchanged(Kind kind, String request) {
        assertEquals(Optional.of(new Forward("lab-web-ui", 8080, request)), kind.render(Map.of()).route(request));
    }

    /** Every row of the table is served by both renderings: its prefix and a path below it. */
    @Test
    void everyRowOfTheRouteTableIsRenderedByBoth() throws IOException {
        List<Map<String, Object>> rows = routeTable();
        for (Kind kind : Kind.values()) {
            Gateway gateway = kind.bundled();
            for (Map<String, Object> row : rows) {
                String prefix = (String) row.get("prefix");
                String rewrite = (String) row.get("rewrite");
                String service = "lab-" + row.get("service");
                String base = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
                Optional<Forward> forward = gateway.route(base + "/x/y");
                assertEquals(service, forward.map(Forward::service).orElse(null), kind + " " + prefix);
                assertEquals((rewrite.endsWith("/") ? rewrite : rewrite + "/") + "x/y", forward.get().path(), kind + " " + prefix);
                for (Object closed : (List<?>) row.getOrDefault("closed", List.of())) {
                    assertEquals(Optional.empty(), gateway.route(base + "/" + closed + "/health"), kind + " " + prefix + closed);
                }
            }
        }
    }

    @Test
    void theHttpRouteIsTheDefaultAndAttachesToTheConfiguredGateway() {
        Manifests defaults = Chart.defaults();
        assertEquals(List.of(), defaults.ofKind("Ingress"), "the Ingress is an option");
        Map<String, Object> route = defaults.get("HTTPRoute", "lab-gateway");
        assertEquals(List.of(Map.of("name", "lab-gateway")), Tree.list(route, "spec", "parentRefs"));
        assertFalse(Tree.find(route, "spec", "hostnames").isPresent(), "every host by default");

        Map<String, Object> named = Chart.render(null, Map.of("gateway.host", "lab.example.com",
                "gateway.httpRoute.parentRefs[0].name", "shared", "gateway.httpRoute.parentRefs[0].namespace", "infra"))
                .get("HTTPRoute", "lab-gateway");
        assertEquals(List.of("lab.example.com"), Tree.list(named, "spec", "hostnames"));
        assertEquals(Map.of("name", "shared", "namespace", "infra"), Tree.map(named, "spec", "parentRefs", 0));
    }

    @Test
    void ingressClassHostAndTlsAreValues() {
        Map<String, Object> ingress = Chart.render(null, Map.of("gateway.ingress.enabled", "true",
                "gateway.ingress.className", "traefik", "gateway.host", "lab.example.com", "gateway.tls", "true",
                "gateway.ingress.tlsSecretName", "lab-tls")).get("Ingress", "lab-gateway");

        assertEquals("traefik", Tree.str(ingress, "spec", "ingressClassName"));
        assertEquals("lab.example.com", Tree.str(ingress, "spec", "rules", 0, "host"));
        assertEquals(Map.of("secretName", "lab-tls", "hosts", List.of("lab.example.com")), Tree.map(ingress, "spec", "tls", 0));
        assertFalse(Tree.find(Chart.render(null, Kind.INGRESS.values).get("Ingress", "lab-gateway"), "spec", "tls").isPresent(),
                "TLS is off by default");
    }

    @Test
    void bundledKeycloakIsServedUnderAuth() {
        for (Kind kind : Kind.values()) {
            Gateway gateway = kind.bundled();
            assertEquals(Optional.of(new Forward("lab-keycloak", 8080, "/auth/realms/annotationlab/protocol/openid-connect/token")),
                    gateway.route("/auth/realms/annotationlab/protocol/openid-connect/token"), kind.name());
            assertTrue(gateway.route("/api/projects/7").isPresent(), kind.name());
        }
    }

    @Test
    void aDisabledServiceHasNoRoute() {
        for (Kind kind : Kind.values()) {
            Gateway gateway = kind.render(Map.of("annotation-service.enabled", "false"));
            assertEquals(Optional.empty(), gateway.route("/api/annotations/projects/7/tasks"), kind.name());
            assertTrue(gateway.route("/api/trainings/projects/7/trainings").isPresent(), kind.name());
        }
    }

    @Test
    void largeImportsAndLongExportsPassTheIngress() {
        Map<String, Object> annotations = Tree.map(Chart.render(null, Kind.INGRESS.values).get("Ingress", "lab-gateway"),
                "metadata", "annotations");

        assertEquals("256m", annotations.get("nginx.ingress.kubernetes.io/proxy-body-size"));
        assertEquals("300", annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout"));
    }

    @Test
    void theRoutesCanBeLeftToTheOperator() {
        Manifests none = Chart.render(null, Map.of("gateway.httpRoute.enabled", "false"));
        assertEquals(List.of(), none.ofKind("Ingress"));
        assertEquals(List.of(), none.ofKind("HTTPRoute"));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> routeTable() throws IOException {
        Map<String, Object> table = new Yaml().load(Files.readString(Chart.DIR.resolve("routes.json")));
        return new ArrayList<>((List<Map<String, Object>>) table.get("routes"));
    }
}
