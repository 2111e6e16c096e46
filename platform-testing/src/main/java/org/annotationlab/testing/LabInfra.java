package org.annotationlab.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real PostgreSQL database and a real Kafka broker, no Docker.
 * PostgreSQL: the configured server (system property {@code lab.test.pg.host/port/user/password}
 * or {@code LAB_PG_*}; default 127.0.0.1:5432 as postgres), else a private cluster; a fresh
 * database per test JVM, dropped afterwards. Kafka: the broker at {@code lab.test.kafka.bootstrap-servers}
 * / {@code LAB_KAFKA_BOOTSTRAP} when it answers, else one started on free ports for this JVM.
 * OIDC: quarkus-oidc verifies {@link TestTokens} with the test public key.
 * Init arg {@code database-prefix} names the database (default {@code lab_test}).
 */
public class LabInfra implements QuarkusTestResourceLifecycleManager {

    private String prefix = "lab_test";
    private PostgresServer postgres;
    private String database;
    private KafkaBroker ownBroker;

    @Override
    public void init(Map<String, String> initArgs) {
        prefix = initArgs.getOrDefault("database-prefix", prefix);
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
        return config;
    }

    private static boolean reachable(String bootstrap) {
        String first = bootstrap.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        return colon > 0 && FreePorts.accepts(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)));
    }

    @Override
    public void stop() {
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
