package org.annotationlab.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** A Deployment, Service and ConfigMap per service, carrying the services' environment contract. */
class ServicesTest {

    @Test
    void everyServiceRunsAsADeploymentBehindAServiceOnItsPort() {
        Manifests manifests = Chart.defaults();

        Chart.SERVICES.forEach((name, port) -> {
            Map<String, Object> container = manifests.container("Deployment", "lab-" + name);
            assertEquals(name, container.get("name"));
            assertEquals(port, Tree.at(container, "ports", 0, "containerPort"));
            Map<String, Object> service = manifests.get("Service", "lab-" + name);
            assertEquals(port, Tree.at(service, "spec", "ports", 0, "port"));
            assertEquals(name, Tree.str(service, "spec", "selector", "app.kubernetes.io/name"));
        });
        // and the web UI's
        assertEquals(Chart.SERVICES.size() + 1, manifests.ofKind("Deployment").size());
    }

    @Test
    void theWebUiRunsBehindTheGatewaysRootWithTheServicesSecurityContext() {
        Manifests manifests = Chart.defaults();
        Map<String, Object> container = manifests.container("Deployment", "lab-web-ui");
        assertEquals("docker.io/annotationlab/web-ui:0.1.0-SNAPSHOT", container.get("image"));
        assertEquals(8080, Tree.at(container, "ports", 0, "containerPort"));
        assertEquals(true, Tree.at(container, "securityContext", "readOnlyRootFilesystem"));
        assertEquals(8080, Tree.at(manifests.get("Service", "lab-web-ui"), "spec", "ports", 0, "port"));
        assertFalse(Chart.render(null, Map.of("web-ui.enabled", "false")).find("Deployment", "lab-web-ui").isPresent());
    }

    @Test
    void imagesComeFromTheConfiguredRegistryAndTag() {
        assertEquals("docker.io/annotationlab/project-service:0.1.0-SNAPSHOT",
                Chart.defaults().container("Deployment", "lab-project-service").get("image"));

        Manifests manifests = Chart.render(null, Map.of("image.registry", "registry.example.com/team",
                "image.tag", "1.4.2", "training-service.image.tag", "1.4.3"));

        assertEquals("registry.example.com/team/annotationlab/annotation-service:1.4.2",
                manifests.container("Deployment", "lab-annotation-service").get("image"));
        assertEquals("registry.example.com/team/annotationlab/training-service:1.4.3",
                manifests.container("Deployment", "lab-training-service").get("image"));
        assertEquals("registry.example.com/team/annotationlab/nlp-runner:1.4.2",
                manifests.configMapData("lab-training-service").get("LAB_NLP_RUNNER_IMAGE"));
    }

    @Test
    void jvmOptionsComeFromTheFileLabUsesThenFromTheValues() throws Exception {
        Map<String, Object> jvm = new Yaml().load(Files.readString(Chart.DIR.resolve("jvm.json")));
        Manifests manifests = Chart.render(null, Map.of("project-service.javaOpts", "-Xmx300m"));

        for (String name : Chart.SERVICES.keySet()) {
            List<Object> expected = new ArrayList<>(Tree.list(jvm, "options"));
            expected.addAll(Tree.list(jvm, "services", name));
            expected.add(name.equals("project-service") ? "-Xmx300m" : "-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
            String javaOpts = manifests.configMapData("lab-" + name).get("JAVA_OPTS");
            assertEquals(expected.stream().map(String::valueOf).collect(Collectors.joining(" ")), javaOpts, name);
            assertTrue(javaOpts.contains("-Xmx"), name + " has a heap of its own");
        }
    }

    @Test
    void probesUseTheQuarkusHealthEndpoints() {
        Manifests manifests = Chart.defaults();

        for (String name : Chart.SERVICES.keySet()) {
            Map<String, Object> container = manifests.container("Deployment", "lab-" + name);
            assertEquals(Map.of("path", "/q/health/live", "port", "http"), Tree.map(container, "livenessProbe", "httpGet"));
            assertEquals(Map.of("path", "/q/health/ready", "port", "http"), Tree.map(container, "readinessProbe", "httpGet"));
            assertEquals("/q/health/live", Tree.str(container, "startupProbe", "httpGet", "path"));
        }
    }

    @Test
    void podsAreAnnotatedForPrometheusScrapingOfQuarkusMetrics() {
        Manifests manifests = Chart.defaults();

        Chart.SERVICES.forEach((name, port) -> {
            Map<String, Object> annotations = Tree.map(manifests.get("Deployment", "lab-" + name),
                    "spec", "template", "metadata", "annotations");
            assertEquals("true", annotations.get("prometheus.io/scrape"));
            assertEquals("/q/metrics", annotations.get("prometheus.io/path"));
            assertEquals(String.valueOf(port), annotations.get("prometheus.io/port"));
        });
        assertEquals(List.of(), manifests.ofKind("ServiceMonitor"), "no ServiceMonitor unless asked for");
        Map<String, Object> monitor = Chart.render(null, Map.of("metrics.serviceMonitor.enabled", "true"))
                .get("ServiceMonitor", "lab-services");
        assertEquals(Map.of("port", "http", "path", "/q/metrics", "interval", "30s"), Tree.map(monitor, "spec", "endpoints", 0));
    }

    @Test
    void resourcesAreSetForEveryContainer() {
        Manifests manifests = Chart.render(null, Map.of("deploy-service.resources.limits.memory", "2Gi"));

        for (String name : Chart.SERVICES.keySet()) {
            Map<String, Object> resources = Tree.map(manifests.container("Deployment", "lab-" + name), "resources");
            assertTrue(Tree.find(resources, "requests", "memory").isPresent(), name);
            assertTrue(Tree.find(resources, "limits", "memory").isPresent(), name);
        }
        assertEquals("2Gi", Tree.str(manifests.container("Deployment", "lab-deploy-service"), "resources", "limits", "memory"));
    }

    @Test
    void eachServiceReadsItsContractFromItsConfigMapAndSecret() {
        Manifests manifests = Chart.defaults();

        Chart.SERVICES.forEach((name, port) -> {
            String database = name.replace('-', '_');
            Map<String, String> env = manifests.configMapData("lab-" + name);
            assertEquals(String.valueOf(port), env.get("LAB_HTTP_PORT"));
            assertEquals("0.0.0.0", env.get("LAB_HTTP_HOST"));
            assertEquals("postgresql://postgresql:5432/" + database, env.get("LAB_DB_REACTIVE_URL"));
            assertEquals("jdbc:postgresql://postgresql:5432/" + database, env.get("LAB_DB_JDBC_URL"));
            assertEquals(database, env.get("LAB_DB_USER"));
            assertEquals("kafka:9092", env.get("LAB_KAFKA_BOOTSTRAP"));
            assertEquals("http://keycloak:8080/realms/annotationlab", env.get("LAB_OIDC_URL"));
            assertEquals(name, env.get("LAB_OIDC_CLIENT"));

            List<Map<String, Object>> envFrom = Tree.maps(manifests.container("Deployment", "lab-" + name), "envFrom");
            assertEquals(List.of(Map.of("configMapRef", Map.of("name", "lab-" + name)),
                    Map.of("secretRef", Map.of("name", "lab-" + name))), envFrom);
        });
    }

    @Test
    void externalInfrastructureIsConfiguredThroughValues() {
        Manifests manifests = Chart.render(null, Map.of("postgresql.host", "db.internal", "postgresql.port", "6432",
                "postgresql.urlParameters", "sslmode=require", "kafka.bootstrapServers", "k1:9093,k2:9093",
                "keycloak.issuerUrl", "https://sso.example.com/realms/annotationlab",
                "deploy-service.database.jdbcUrl", "jdbc:postgresql://deploy-db:5432/models"));

        Map<String, String> training = manifests.configMapData("lab-training-service");
        assertEquals("postgresql://db.internal:6432/training_service?sslmode=require", training.get("LAB_DB_REACTIVE_URL"));
        assertEquals("jdbc:postgresql://db.internal:6432/training_service?sslmode=require", training.get("LAB_DB_JDBC_URL"));
        assertEquals("k1:9093,k2:9093", training.get("LAB_KAFKA_BOOTSTRAP"));
        assertEquals("https://sso.example.com/realms/annotationlab", training.get("LAB_OIDC_URL"));
        assertEquals("jdbc:postgresql://deploy-db:5432/models", manifests.configMapData("lab-deploy-service").get("LAB_DB_JDBC_URL"));
    }

    @Test
    void databasePasswordsAreInSecretsNeverInConfigMaps() {
        Manifests manifests = Chart.render(null, Map.of("project-service.database.password", "s3cret-pw",
                "project-service.oidc.clientSecret", "client-pw"));

        Map<String, Object> data = Tree.map(manifests.get("Secret", "lab-project-service"), "data");
        assertEquals("s3cret-pw", decode(data.get("LAB_DB_PASSWORD")));
        assertEquals("client-pw", decode(data.get("QUARKUS_OIDC_CREDENTIALS_SECRET")));
        manifests.ofKind("ConfigMap").forEach(configMap ->
                assertFalse(configMap.toString().contains("s3cret-pw"), Tree.str(configMap, "metadata", "name")));
    }

    @Test
    void anExistingSecretReplacesTheOneTheChartWouldCreate() {
        Manifests manifests = Chart.render(null, Map.of("annotation-service.existingSecret", "annotation-credentials"));

        assertFalse(manifests.find("Secret", "lab-annotation-service").isPresent());
        assertEquals(Map.of("secretRef", Map.of("name", "annotation-credentials")),
                Tree.at(manifests.container("Deployment", "lab-annotation-service"), "envFrom", 1));
    }

    @Test
    void servicesCallEachOtherThroughTheServicesOfTheRelease() {
        Manifests manifests = Chart.defaults();

        assertEquals("http://lab-annotation-service:8082", manifests.configMapData("lab-training-service").get("LAB_ANNOTATION_URL"));
        assertEquals("http://lab-project-service:8081", manifests.configMapData("lab-deploy-service").get("LAB_PROJECT_URL"));
        Map<String, String> preannotation = manifests.configMapData("lab-preannotation-service");
        assertEquals("http://lab-annotation-service:8082", preannotation.get("LAB_ANNOTATION_URL"));
        assertEquals("http://lab-training-service:8083", preannotation.get("LAB_TRAINING_URL"));
        assertEquals("http://lab-deploy-service:8084", preannotation.get("LAB_DEPLOY_URL"));
        for (String service : List.of("annotation-service", "training-service", "deploy-service", "preannotation-service")) {
            assertEquals("http://lab-project-service:8081", manifests.configMapData("lab-" + service).get("LAB_PROJECT_URL"),
                    service + " asks project-service for memberships");
        }
        assertEquals(null, manifests.configMapData("lab-project-service").get("LAB_PROJECT_URL"));
    }

    @Test
    void aDisabledServiceHasNoWorkload() {
        Manifests manifests = Chart.render(null, Map.of("preannotation-service.enabled", "false"));

        assertFalse(manifests.find("Deployment", "lab-preannotation-service").isPresent());
        assertFalse(manifests.find("Service", "lab-preannotation-service").isPresent());
        assertFalse(manifests.find("ConfigMap", "lab-preannotation-service").isPresent());
        assertEquals(4 + 1, manifests.ofKind("Deployment").size());
    }

    @Test
    void extraQuarkusPropertiesAreMountedAsAnApplicationPropertiesFile() {
        Manifests manifests = Chart.render(Chart.valuesFile(String.join("\n",
                "serviceDefaults:",
                "  properties:",
                "    kafka.security.protocol: SSL",
                "project-service:",
                "  properties:",
                "    lab.project.pretrained-models.ner_person_pretrained: PERSON",
                "")), Map.of());

        String properties = manifests.configMapData("lab-project-service-properties").get("application.properties");
        assertTrue(properties.contains("kafka.security.protocol=SSL"), properties);
        assertTrue(properties.contains("lab.project.pretrained-models.ner_person_pretrained=PERSON"), properties);
        assertEquals("/etc/annotation-lab/application.properties",
                manifests.configMapData("lab-project-service").get("QUARKUS_CONFIG_LOCATIONS"));
        Map<String, Object> mount = Tree.named(Tree.maps(manifests.container("Deployment", "lab-project-service"),
                "volumeMounts"), "properties");
        assertEquals("/etc/annotation-lab", mount.get("mountPath"));
        assertFalse(Chart.defaults().configMapData("lab-project-service").containsKey("QUARKUS_CONFIG_LOCATIONS"));
    }

    static String decode(Object base64) {
        return new String(Base64.getDecoder().decode(String.valueOf(base64)), StandardCharsets.UTF_8);
    }
}
