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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.annotationlab.workloads.ChildProcesses;
import org.annotationlab.workloads.RunnerJvm;
import org.jboss.logging.Logger;

/**
 * Runs each project's model server as a child process ({@code nlp-runner serve}, the embedded
 * default for {@code ./lab up}) on a free local port. A new model list goes to the running
 * process with {@code PUT /models}, which loads it and swaps atomically — or refuses it (422) and
 * keeps serving the old one. The server's output goes to {@code <store>/servers/<project>.log}.
 *
 * <p>Each server's process id, start time and port are written to
 * {@code <store>/servers/<project>.json}. A service that was killed leaves its servers running; when
 * it starts again it adopts each one still alive (the same process: its id and start time match)
 * instead of starting a second one beside it, and forgets the others. A service stopping normally
 * stops its servers.
 */
public final class LocalModelServerLauncher implements ModelServerLauncher, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalModelServerLauncher.class);

    private final String nlpRunner;
    private final String javaOpts;
    private final Path logs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<UUID, Server> servers = new ConcurrentHashMap<>();

    /** A running server: started by this service ({@code child} set) or adopted after a restart. */
    private record Server(ProcessHandle process, Process child, int port) {
        String url() {
            return "http://127.0.0.1:" + port;
        }

        String exit() {
            return child != null ? "exited with code " + child.exitValue() : "(process " + process.pid() + ") exited";
        }
    }

    /** What {@code <project>.json} records of a server. */
    private record Recorded(long pid, String started, int port) {
    }

    /**
     * @param nlpRunner  the {@code nlp-runner} launcher script
     * @param javaOpts   JVM options after the sized ones ({@link RunnerJvm}), blank for none
     * @param modelStore the model store; servers' records and logs go to its {@code servers/} folder
     */
    public LocalModelServerLauncher(String nlpRunner, String javaOpts, Path modelStore) {
        this.nlpRunner = Path.of(nlpRunner).toAbsolutePath().normalize().toString();
        this.javaOpts = javaOpts;
        this.logs = modelStore.resolve("servers");
        adoptRunningServers();
    }

    /**
     * The servers an earlier run of the service left running, taken over; the records of the others
     * deleted. A process is adopted only if it is the one recorded: same pid, same start time, and
     * a model server on the recorded port.
     */
    private void adoptRunningServers() {
        List<Path> files;
        try (var listing = Files.exists(logs) ? Files.list(logs) : java.util.stream.Stream.<Path>empty()) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".json")).toList();
        } catch (IOException e) {
            LOG.warnf(e, "could not list the records of running model servers in %s; none adopted", logs);
            return;
        }
        for (Path file : files) {
            try {
                UUID projectId = UUID.fromString(file.getFileName().toString().replaceFirst("\\.json$", ""));
                Recorded recorded = json.readValue(file.toFile(), Recorded.class);
                var process = ProcessHandle.of(recorded.pid()).filter(ProcessHandle::isAlive)
                        .filter(p -> !recorded.started().isEmpty()
                                && p.info().startInstant().map(Object::toString).orElse("").equals(recorded.started()))
                        .filter(p -> p.info().arguments().map(List::of).orElse(List.of())
                                .containsAll(List.of("serve", Integer.toString(recorded.port()))));
                if (process.isPresent()) {
                    servers.put(projectId, new Server(process.get(), null, recorded.port()));
                    LOG.infof("project %s: adopted the model server left running on port %d (pid %d)", projectId,
                            recorded.port(), recorded.pid());
                } else {
                    Files.delete(file);
                }
            } catch (IOException | IllegalArgumentException e) {
                LOG.warnf(e, "could not adopt the model server recorded in %s; it is left alone", file);
            }
        }
    }

    private void record(UUID projectId, Server server) throws IOException {
        Path file = logs.resolve(projectId + ".json");
        Path written = logs.resolve(projectId + ".json.tmp");
        json.writeValue(written.toFile(), new Recorded(server.process().pid(),
                server.process().info().startInstant().map(Object::toString).orElse(""), server.port()));
        Files.move(written, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes the project's record if it names this process (a newer server may have replaced it). */
    private void forget(UUID projectId, ProcessHandle process) {
        Path file = logs.resolve(projectId + ".json");
        try {
            if (Files.exists(file) && json.readValue(file.toFile(), Recorded.class).pid() == process.pid()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            LOG.warnf(e, "project %s: could not delete the record of its model server", projectId);
        }
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
            builder.environment().put("JAVA_OPTS", RunnerJvm.server(javaOpts, server.modelPaths()));
            Process child = builder.start();
            Server started = new Server(child.toHandle(), child, port);
            servers.put(server.projectId(), started);
            record(server.projectId(), started);
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
                // Only this server: apply() may just have started another one for the project.
                servers.remove(server.projectId(), running);
                forget(server.projectId(), running.process());
                // Gone, not failed: the restore check deploys its models again at once.
                return ServerStatus.missing("the model server " + running.exit() + "; see "
                        + logs.resolve(server.projectId() + ".log"));
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
            ChildProcesses.stop(running.process());
            forget(projectId, running.process());
        }
    }

    @Override
    public void close() {
        servers.keySet().forEach(this::remove);
    }


    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
