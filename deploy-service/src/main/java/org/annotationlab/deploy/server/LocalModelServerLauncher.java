package org.annotationlab.deploy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.annotationlab.workloads.ChildProcesses;
import org.jboss.logging.Logger;

/**
 * Runs each project's model server as a child process ({@code nlp-runner serve}, the embedded
 * default for {@code ./lab up}) on a free local port. A new model list goes to the running
 * process with {@code PUT /models}, which loads it and swaps atomically — or refuses it (422) and
 * keeps serving the old one. The server's output goes to {@code <store>/servers/<project>.log}.
 */
public final class LocalModelServerLauncher implements ModelServerLauncher, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalModelServerLauncher.class);

    private final String nlpRunner;
    private final String javaOpts;
    private final Path logs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<UUID, Server> servers = new ConcurrentHashMap<>();

    private record Server(Process process, int port) {
        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    public LocalModelServerLauncher(String nlpRunner, String javaOpts, Path modelStore) {
        this.nlpRunner = Path.of(nlpRunner).toAbsolutePath().normalize().toString();
        this.javaOpts = javaOpts;
        this.logs = modelStore.resolve("servers");
    }

    @Override
    public String apply(ModelServer server) throws LaunchException {
        Server running = servers.get(server.projectId());
        if (running != null && running.process().isAlive()) {
            swap(running, server);
            return running.url();
        }
        try {
            Files.createDirectories(logs);
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(nlpRunner, "serve", "--host", "127.0.0.1", "--port",
                    Integer.toString(port), "--models", server.modelsArgument())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(server.projectId() + ".log").toFile()));
            builder.environment().put("JAVA_OPTS", javaOpts);
            Server started = new Server(builder.start(), port);
            servers.put(server.projectId(), started);
            LOG.infof("project %s: model server started on port %d (pid %d) with %s", server.projectId(), port,
                    started.process().pid(), server.models().keySet());
            return started.url();
        } catch (IOException e) {
            throw new LaunchException("could not start " + nlpRunner + " serve: " + e.getMessage(), e);
        }
    }

    /** PUT /models on the running server: loads the new list and swaps it in, or keeps the old one. */
    private void swap(Server running, ModelServer server) throws LaunchException {
        try {
            String body = json.writeValueAsString(Map.of("models", server.models()));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(running.url() + "/models"))
                    .timeout(Duration.ofMinutes(10)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                JsonNode problem = json.readTree(response.body());
                throw new LaunchException("the model server refused the model list (HTTP " + response.statusCode() + "): "
                        + problem.path("detail").asText(response.body()) + "; it keeps serving its previous models", null);
            }
        } catch (IOException e) {
            throw new LaunchException("could not reach the model server at " + running.url() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while loading models", e);
        }
    }

    @Override
    public ServerStatus status(ModelServer server) {
        Server running = servers.get(server.projectId());
        if (running == null) {
            return ServerStatus.missing("no model server runs for project " + server.projectId());
        }
        try {
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(running.url() + "/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (ready.statusCode() != 200) {
                JsonNode body = json.readTree(ready.body());
                String failure = body.path("lastLoadFailure").asText(null);
                return failure != null ? ServerStatus.failed("the model server could not load the models: " + failure)
                        : ServerStatus.starting();
            }
            HttpResponse<String> models = http.send(HttpRequest.newBuilder(URI.create(running.url() + "/models"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            Set<String> loaded = new TreeSet<>();
            json.readTree(models.body()).path("models").forEach(m -> loaded.add(m.path("name").asText()));
            return loaded.equals(new TreeSet<>(server.models().keySet())) ? ServerStatus.ready() : ServerStatus.starting();
        } catch (IOException e) {
            if (!running.process().isAlive()) {
                servers.remove(server.projectId());
                return ServerStatus.failed("the model server exited with code " + running.process().exitValue()
                        + "; see " + logs.resolve(server.projectId() + ".log"));
            }
            return ServerStatus.starting();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ServerStatus.starting();
        }
    }

    @Override
    public void remove(UUID projectId) {
        Server running = servers.remove(projectId);
        if (running != null) {
            ChildProcesses.stop(running.process().toHandle());
        }
    }

    @Override
    public void close() {
        servers.values().forEach(s -> ChildProcesses.stop(s.process().toHandle()));
        servers.clear();
    }


    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
