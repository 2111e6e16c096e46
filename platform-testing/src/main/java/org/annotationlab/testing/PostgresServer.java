package org.annotationlab.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A PostgreSQL server for tests: the one configured (or the machine's, at 127.0.0.1:5432) when it
 * accepts connections, else a private cluster started with the installed binaries on a free port.
 * Each test JVM gets its own database, dropped when the tests end.
 */
public final class PostgresServer implements AutoCloseable {

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final Path ownDataDir;

    private PostgresServer(String host, int port, String user, String password, Path ownDataDir) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.ownDataDir = ownDataDir;
    }

    /** Reuses the configured server if it answers, else starts a private one. */
    public static PostgresServer reuseOrStart() {
        String host = Settings.get("lab.test.pg.host", "LAB_PG_HOST", "127.0.0.1");
        int port = Integer.parseInt(Settings.get("lab.test.pg.port", "LAB_PG_PORT", "5432"));
        String user = Settings.get("lab.test.pg.user", "LAB_PG_USER", "postgres");
        String password = Settings.get("lab.test.pg.password", "LAB_PG_PASSWORD", "");
        if (FreePorts.accepts(host, port)) {
            return new PostgresServer(host, port, user, password, null);
        }
        return startOwn();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Creates an empty database with a unique name starting with {@code prefix}; returns its name. */
    public String createDatabase(String prefix) {
        String name = (prefix + "_" + Long.toString(System.nanoTime(), 36)).toLowerCase().replaceAll("[^a-z0-9_]", "_");
        execute("create database " + name);
        return name;
    }

    public void dropDatabase(String name) {
        execute("drop database if exists " + name + " with (force)");
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", user,
                password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " refused: " + sql + ": "
                    + e.getMessage(), e);
        }
    }

    private static PostgresServer startOwn() {
        Path bin = installedBinaries().orElseThrow(() -> new IllegalStateException(
                "no PostgreSQL answers at the configured address and none is installed: run ./lab infra up"));
        int port = FreePorts.pick();
        try {
            Path dir = Files.createTempDirectory("lab-pg-");
            dir.toFile().setWritable(true, false);
            Path data = dir.resolve("data");
            List<String> asPostgres = runningAsRoot() ? List.of("runuser", "-u", "postgres", "--") : List.of();
            if (runningAsRoot()) {
                Processes.run(List.of("chown", "postgres", dir.toString()), dir.resolve("chown.log"));
            }
            run(asPostgres, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                    "--auth=trust", "-E", "UTF8"), dir);
            run(asPostgres, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                    dir.resolve("server.log").toString(), "-w", "-o",
                    "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start"), dir);
            FreePorts.awaitAccepting("127.0.0.1", port, Duration.ofSeconds(30),
                    () -> Processes.tail(dir.resolve("server.log")));
            return new PostgresServer("127.0.0.1", port, "postgres", "", dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL", e);
        }
    }

    private static void run(List<String> prefix, List<String> command, Path dir) throws IOException {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(command);
        Processes.run(full, Files.createTempFile("lab-pg-cmd-", ".log"));
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Optional<Path> installedBinaries() {
        File[] versions = new File("/usr/lib/postgresql").listFiles();
        return versions == null ? Optional.empty()
                : Arrays.stream(versions).map(v -> v.toPath().resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing(Path::toString));
    }

    @Override
    public void close() {
        if (ownDataDir == null) {
            return;
        }
        List<String> stop = new ArrayList<>(runningAsRoot() ? List.of("runuser", "-u", "postgres", "--") : List.of());
        installedBinaries().ifPresent(bin -> {
            stop.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", ownDataDir.resolve("data").toString(),
                    "-m", "fast", "stop"));
            try {
                Processes.run(stop, Files.createTempFile("lab-pg-stop-", ".log"));
            } catch (IOException | IllegalStateException e) {
                // the temp cluster dies with its directory
            }
        });
        Directories.deleteQuietly(ownDataDir);
    }
}
