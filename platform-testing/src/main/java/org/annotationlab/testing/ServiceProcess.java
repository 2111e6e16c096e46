package org.annotationlab.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Another service of the platform, run as it ships (its Quarkus fast-jar, built earlier in the
 * reactor) so a test can go through its real REST API and events. Its output goes to
 * {@code target/<service>.log} of the calling module.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Map<String, String> config;
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(String name, Map<String, String> config, Process process, int port, Path log) {
        this.name = name;
        this.config = config;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code ../<name>/target/quarkus-app/quarkus-run.jar} with these configuration
     * properties (as {@code -D}) and waits until it is ready.
     */
    public static ServiceProcess start(String name, Map<String, String> config) {
        return start(name, config, FreePorts.pick());
    }

    /** Stops the service and starts it again on the same port (its log is appended to). */
    public ServiceProcess restart() {
        close();
        return start(name, config, port);
    }

    private static ServiceProcess start(String name, Map<String, String> config, int port) {
        Path jar = Path.of("..", name, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().normalize();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build " + name
                    + " first (mvn -B package -DskipTests -pl " + name + " -am, or the whole reactor)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1"));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        Path log = Path.of("target", name + ".log").toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            ServiceProcess service = new ServiceProcess(name, Map.copyOf(config), process, port, log);
            service.awaitReady(Duration.ofSeconds(120));
            return service;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep();
        }
        close();
        throw new IllegalStateException(name + " was not ready within " + timeout + ":\n" + tail());
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of the service's log, for failure messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the service and waits for it (a restart in a test is {@code close} then {@code start}). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
