package org.annotationlab.helm;

import static org.annotationlab.helm.ServicesTest.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Kafka, PostgreSQL and Keycloak: external by default, bundled with values-bundled.yaml. */
class BundledInfrastructureTest {

    @Test
    void byDefaultKafkaPostgresqlAndKeycloakAreExternal() {
        Manifests manifests = Chart.defaults();

        assertEquals(List.of(), manifests.ofKind("StatefulSet"));
        assertFalse(manifests.find("Deployment", "lab-keycloak").isPresent());
        assertFalse(manifests.find("Secret", "lab-postgresql").isPresent());
    }

    @Test
    void kafkaIsASingleKraftNodeWithItsOwnVolume() {
        Manifests manifests = Chart.bundled();
        Map<String, Object> kafka = manifests.get("StatefulSet", "lab-kafka");

        assertEquals(1, Tree.at(kafka, "spec", "replicas"));
        Map<String, String> env = env(manifests.container("StatefulSet", "lab-kafka"));
        assertEquals("broker,controller", env.get("KAFKA_PROCESS_ROLES"));
        assertEquals("1@localhost:9093", env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"));
        assertEquals("PLAINTEXT://lab-kafka:9092", env.get("KAFKA_ADVERTISED_LISTENERS"));
        assertEquals("1", env.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"));
        assertEquals(22, env.get("CLUSTER_ID").length());
        assertEquals("data", Tree.str(kafka, "spec", "volumeClaimTemplates", 0, "metadata", "name"));
        assertEquals("lab-kafka", Tree.str(manifests.get("Service", "lab-kafka"), "metadata", "name"));
    }

    @Test
    void postgresqlCreatesADatabaseAndRoleForEachServiceFromItsSecret() {
        Manifests manifests = Chart.bundled();
        String script = manifests.configMapData("lab-postgresql-init").get("10-annotation-lab.sh");
        List<Map<String, Object>> env = Tree.maps(manifests.container("StatefulSet", "lab-postgresql"), "env");

        for (String name : Chart.SERVICES.keySet()) {
            String database = name.replace('-', '_');
            String variable = "LAB_DB_PASSWORD_" + database.toUpperCase();
            assertTrue(script.contains("create_database " + database + " " + database + " \"$" + variable + "\""), script);
            assertEquals(Map.of("name", "lab-" + name, "key", "LAB_DB_PASSWORD"),
                    Tree.at(Tree.named(env, variable), "valueFrom", "secretKeyRef"));
        }
        assertTrue(script.contains("create_database keycloak keycloak \"$KEYCLOAK_DB_PASSWORD\""), script);
        assertEquals("/docker-entrypoint-initdb.d", Tree.named(Tree.maps(manifests.container("StatefulSet", "lab-postgresql"),
                "volumeMounts"), "init").get("mountPath"));
    }

    @Test
    void keycloakImportsTheRealmWithAConfidentialClientPerServiceAndTheCliClient() {
        Manifests manifests = Chart.bundled();
        Map<String, Object> realm = new Yaml().load(manifests.configMapData("lab-keycloak-realm").get("annotationlab-realm.json"));

        assertEquals("annotationlab", realm.get("realm"));
        assertEquals(List.of("admin"), Tree.maps(realm, "roles", "realm").stream().map(r -> r.get("name")).collect(Collectors.toList()));
        // The only users are the services' own accounts (client credentials), with the admin role
        // they need to read every project's data (e.g. training-service exporting a training set).
        List<Map<String, Object>> users = Tree.maps(realm, "users");
        assertEquals(Chart.SERVICES.size(), users.size());
        List<Map<String, Object>> clients = Tree.maps(realm, "clients");
        List<Map<String, Object>> containerEnv = Tree.maps(manifests.container("Deployment", "lab-keycloak"), "env");
        for (String name : Chart.SERVICES.keySet()) {
            Map<String, Object> client = clients.stream().filter(c -> name.equals(c.get("clientId"))).findFirst().orElseThrow();
            Map<String, Object> account = users.stream().filter(u -> name.equals(u.get("serviceAccountClientId"))).findFirst().orElseThrow();
            assertEquals("service-account-" + name, account.get("username"));
            assertTrue(Tree.list(account, "realmRoles").contains("admin"), name);
            assertEquals(false, client.get("publicClient"), name);
            assertEquals(false, client.get("directAccessGrantsEnabled"), name);
            String placeholder = "LAB_CLIENT_SECRET_" + name.replace('-', '_').toUpperCase();
            assertEquals("${" + placeholder + "}", client.get("secret"));
            assertEquals(Map.of("name", "lab-" + name, "key", "QUARKUS_OIDC_CREDENTIALS_SECRET"),
                    Tree.at(Tree.named(containerEnv, placeholder), "valueFrom", "secretKeyRef"));
        }
        Map<String, Object> cli = clients.stream().filter(c -> "lab-cli".equals(c.get("clientId"))).findFirst().orElseThrow();
        assertEquals(true, cli.get("publicClient"));
        assertEquals(true, cli.get("directAccessGrantsEnabled"));
        assertEquals(List.of("start", "--import-realm"), Tree.list(manifests.container("Deployment", "lab-keycloak"), "args"));
    }

    @Test
    void servicesUseTheBundledInfrastructure() {
        Map<String, String> env = Chart.bundled().configMapData("lab-annotation-service");

        assertEquals("postgresql://lab-postgresql:5432/annotation_service", env.get("LAB_DB_REACTIVE_URL"));
        assertEquals("jdbc:postgresql://lab-postgresql:5432/annotation_service", env.get("LAB_DB_JDBC_URL"));
        assertEquals("lab-kafka:9092", env.get("LAB_KAFKA_BOOTSTRAP"));
        assertEquals("http://lab-keycloak:8080/auth/realms/annotationlab", env.get("LAB_OIDC_URL"));
    }

    @Test
    void generatedPasswordsBackTheServicesAndTheInfrastructure() {
        Manifests manifests = Chart.bundled();

        for (String name : Chart.SERVICES.keySet()) {
            Map<String, Object> data = Tree.map(manifests.get("Secret", "lab-" + name), "data");
            assertEquals(32, decode(data.get("LAB_DB_PASSWORD")).length(), name);
            assertEquals(32, decode(data.get("QUARKUS_OIDC_CREDENTIALS_SECRET")).length(), name);
        }
        assertEquals(32, decode(Tree.at(manifests.get("Secret", "lab-postgresql"), "data", "postgres-password")).length());
        assertEquals(32, decode(Tree.at(manifests.get("Secret", "lab-keycloak"), "data", "admin-password")).length());
    }

    @Test
    void anUpgradeKeepsThePasswordsGeneratedAtInstall() {
        Manifests upgraded = Chart.upgrade(Map.of(
                "lab-project-service", Map.of("LAB_DB_PASSWORD", "from-install", "QUARKUS_OIDC_CREDENTIALS_SECRET", "client-from-install"),
                "lab-keycloak", Map.of("admin-password", "admin-from-install", "db-password", "db-from-install")),
                Chart.BUNDLED_VALUES);

        Map<String, Object> project = Tree.map(upgraded.get("Secret", "lab-project-service"), "data");
        assertEquals("from-install", decode(project.get("LAB_DB_PASSWORD")));
        assertEquals("client-from-install", decode(project.get("QUARKUS_OIDC_CREDENTIALS_SECRET")));
        assertEquals("admin-from-install", decode(Tree.at(upgraded.get("Secret", "lab-keycloak"), "data", "admin-password")));
        assertNotEquals("from-install", decode(Tree.at(upgraded.get("Secret", "lab-annotation-service"), "data", "LAB_DB_PASSWORD")));
    }

    @Test
    void keycloakIssuesTokensForThePublicHostOfTheGateway() {
        Manifests published = Chart.render(Chart.BUNDLED_VALUES, Map.of("gateway.host", "lab.example.com", "gateway.tls", "true"));

        Map<String, String> env = env(published.container("Deployment", "lab-keycloak"));
        assertEquals("https://lab.example.com/auth", env.get("KC_HOSTNAME"));
        assertEquals("true", env.get("KC_HOSTNAME_BACKCHANNEL_DYNAMIC"));
        assertEquals("/auth", env.get("KC_HTTP_RELATIVE_PATH"));
        assertEquals("false", env(Chart.bundled().container("Deployment", "lab-keycloak")).get("KC_HOSTNAME_STRICT"));
    }

    /** The literal environment variables of a container (those with a value). */
    private static Map<String, String> env(Map<String, Object> container) {
        return Tree.maps(container, "env").stream().filter(e -> e.containsKey("value"))
                .collect(Collectors.toMap(e -> String.valueOf(e.get("name")), e -> String.valueOf(e.get("value"))));
    }
}
