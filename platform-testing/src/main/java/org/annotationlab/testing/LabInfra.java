package org.annotationlab.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives a {@code @QuarkusTest} a real PostgreSQL database and a real Kafka broker, no Docker.
 * PostgreSQL: the configured server (system property {@code lab.test.pg.host/port/user/password}
 * or {@code LAB_PG_*}; default 127.0.0.1:5432 as postgres), else a private cluster; a fresh
 * database per test JVM, dropped afterwards. Kafka: the broker at {@code lab.test.kafka.bootstrap-servers}
 * / {@code LAB_KAFKA_BOOTSTRAP} when it answers, else one started on free ports for this JVM.
 * OIDC: quarkus-oidc verifies {@link TestTokens} with the test public key.
 * Init arg {@code database-prefix} names the database (default {@code lab_test}).
 * Init arg {@code services} (comma-separated, e.g. {@code annotation-service}) also runs those
 * services of the platform as processes on the same broker, each with its own fresh database;
 * the URL of each is the config property {@code lab.test.<service>.url}; an init arg
 * {@code <service>:<property>} sets a property of that service's process only.
 * Init arg {@code oidc-client=true} points quarkus-oidc-client at a {@link TokenEndpoint}.
 */
public class LabInfra implements QuarkusTestResourceLifecycleManager {

    private String prefix = "lab_test";
    private List<String> serviceNames = List.of();
    private boolean oidcClient;
    private PostgresServer postgres;
    private String database;
    private KafkaBroker ownBroker;
    private TokenEndpoint tokenEndpoint;
    private final List<String> serviceDatabases = new ArrayList<>();
    private static final Map<String, ServiceProcess> SERVICES = new ConcurrentHashMap<>();
    /** Init args {@code <service>:<property>}: a property for that service process only. */
    private final Map<String, Map<String, String>> serviceSettings = new HashMap<>();

    @Override
    public void init(Map<String, String> initArgs) {
        prefix = initArgs.getOrDefault("database-prefix", prefix);
        serviceNames = Arrays.stream(initArgs.getOrDefault("services", "").split(","))
                .map(String::trim).filter(name -> !name.isEmpty()).toList();
        oidcClient = Boolean.parseBoolean(initArgs.getOrDefault("oidc-client", "false"));
        initArgs.forEach((name, value) -> {
            int colon = name.indexOf(':');
            if (colon > 0) {
                serviceSettings.computeIfAbsent(name.substring(0, colon), s -> new HashMap<>())
                        .put(name.substring(colon + 1), value);
            }
        });
    }

    /** A service started for this test JVM by {@code services}, e.g. to restart it. */
    public static ServiceProcess service(String name) {
        ServiceProcess service = SERVICES.get(name);
        if (service == null) {
            throw new IllegalStateException(name + " was not started: list it in LabInfra's init arg services");
        }
        return service;
    }

    /** Restarts a started service on the same port and configuration. */
    public static void restart(String name) {
        SERVICES.put(name, service(name).restart());
    }

    @Override
    public Map<String, String> start() {
        postgres = PostgresServer.reuseOrStart();
        database = postgres.createDatabase(prefix);
        String bootstrap = Settings.get("lab.test.kafka.bootstrap-servers", "LAB_KAFKA_BOOTSTRAP", "");
        if (bootstrap.isBlank() || !reachable(bootstrap)) {
            ownBroker = KafkaBroker.start();
            bootstrap = ownBroker.bootstrapServers();
        }
        String hostPort = postgres.host() + ":" + postgres.port() + "/" + database;
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.username", postgres.user());
        config.put("quarkus.datasource.password", postgres.password());
        config.put("quarkus.datasource.reactive.url", "postgresql://" + hostPort);
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort);
        config.put("kafka.bootstrap.servers", bootstrap);
        config.put("lab.test.database", database);
        // Tokens from TestTokens are verified locally with this key; no OIDC server is contacted.
        config.put("quarkus.oidc.public-key", TestTokens.publicKey());
        config.put("quarkus.oidc.auth-server-url", "");
        if (oidcClient) {
            tokenEndpoint = TokenEndpoint.start();
            config.put("quarkus.oidc-client.auth-server-url", tokenEndpoint.url());
            config.put("quarkus.oidc-client.discovery-enabled", "false");
            config.put("quarkus.oidc-client.token-path", "/token");
        }
        for (String name : serviceNames) {
            String db = postgres.createDatabase(prefix + "_" + name.replace("-service", "").replace('-', '_'));
            serviceDatabases.add(db);
            String location = postgres.host() + ":" + postgres.port() + "/" + db;
            Map<String, String> serviceConfig = new HashMap<>();
            serviceConfig.put("quarkus.datasource.username", postgres.user());
            serviceConfig.put("quarkus.datasource.password", postgres.password());
            serviceConfig.put("quarkus.datasource.reactive.url", "postgresql://" + location);
            serviceConfig.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + location);
            serviceConfig.put("kafka.bootstrap.servers", bootstrap);
            serviceConfig.put("quarkus.oidc.public-key", TestTokens.publicKey());
            serviceConfig.put("quarkus.oidc.auth-server-url", "");
            serviceConfig.put("lab.events.relay.delay", "0.2s");
            // Memberships are asked of project-service when it runs here (listed first); otherwise of
            // a closed port, so the service's event-fed view decides, as the test's events fill it.
            serviceConfig.put("lab.membership.project-url", config.getOrDefault("lab.test.project-service.url",
                    "http://127.0.0.1:9"));
            serviceConfig.putAll(serviceSettings.getOrDefault(name, Map.of()));
            ServiceProcess service = ServiceProcess.start(name, serviceConfig);
            SERVICES.put(name, service);
            config.put("lab.test." + name + ".url", service.url());
        }
        return config;
    }

    private static boolean reachable(String bootstrap) {
        String first = bootstrap.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        return colon > 0 && FreePorts.accepts(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)));
    }

    @Override
    public void stop() {
        for (String name : serviceNames) {
            ServiceProcess service = SERVICES.remove(name);
            if (service != null) {
                service.close();
            }
        }
        if (tokenEndpoint != null) {
            tokenEndpoint.close();
        }
        if (postgres != null) {
            for (String db : serviceDatabases) {
                try {
                    postgres.dropDatabase(db);
                } catch (IllegalStateException e) {
                    // dropped with a private cluster anyway
                }
            }
        }
        if (postgres != null && database != null) {
            try {
                postgres.dropDatabase(database);
            } catch (IllegalStateException e) {
                // the database is dropped with a private cluster anyway
            }
            postgres.close();
        }
        if (ownBroker != null) {
            ownBroker.close();
        }
    }
}
