package org.annotationlab.deploy.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.testing.NlpRunnerProcess;
import org.annotationlab.workloads.ChildProcesses;
import org.annotationlab.workloads.RunnerJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The local launcher across a restart of deploy-service that did not stop its model servers (the
 * service was killed): the new one adopts the server still running instead of starting another
 * beside it, and forgets a server that has since exited.
 */
class LocalModelServerLauncherTest {

    private static final Path STORE = Path.of("target", "model-store").toAbsolutePath();
    private static final String RUNNER = Path.of("..", "nlp-runner", "nlp-runner").toString();

    private final UUID project = UUID.randomUUID();
    /** Model servers running before the test (other tests' servers in this JVM). */
    private final List<ProcessHandle> others = serveProcesses();

    @Test
    void aRestartedServiceAdoptsTheServerItLeftRunningAndForgetsOneThatExited() throws Exception {
        Path model = NlpRunnerProcess.tinyModel(STORE.resolve("trained-tiny"));
        Path store = STORE.resolve("launcher-" + project);
        ModelServer server = new ModelServer(project, ModelServer.nameOf(project), Map.of("tiny_ner_v1", model.toString()));

        // The first run of the service starts the server, then is killed: nothing stops the server.
        LocalModelServerLauncher killed = new LocalModelServerLauncher(RUNNER, "-Xmx1g", store);
        String endpoint = killed.apply(server);
        awaitReady(killed, server);
        List<ProcessHandle> started = startedHere();
        assertEquals(1, started.size(), "one model server process");
        // Its heap follows its model, with the collector that gives memory back; the configured
        // options come after, so that the operator's -Xmx wins.
        List<String> arguments = List.of(started.get(0).info().arguments().orElseThrow());
        String sized = "-Xmx" + RunnerJvm.heapMb(RunnerJvm.bytes(model), RunnerJvm.SERVER_MB_PER_MODEL_MB) + "m";
        assertTrue(arguments.contains("-XX:+UseSerialGC"), arguments.toString());
        assertTrue(arguments.indexOf(sized) >= 0 && arguments.indexOf(sized) < arguments.indexOf("-Xmx1g"),
                "sized heap " + sized + " before the configured -Xmx1g: " + arguments);
        String startedAt = started.get(0).info().startInstant().orElseThrow().toString();

        // The next run finds it: ready at the same address, and a new model list goes to it.
        LocalModelServerLauncher restarted = new LocalModelServerLauncher(RUNNER, "-Xmx1g", store);
        assertEquals(ServerStatus.Phase.READY, restarted.status(server).phase());
        assertEquals(endpoint, restarted.apply(server));
        awaitReady(restarted, server);
        assertEquals(started, startedHere(), "no second model server was started");

        // Removed (project deleted): the process stops and its record goes.
        restarted.remove(project);
        assertFalse(started.get(0).isAlive(), "the adopted server was stopped");
        assertFalse(Files.exists(store.resolve("servers").resolve(project + ".json")));

        // A record whose process has exited is not adopted: the server is missing, to be restored.
        Path record = store.resolve("servers").resolve(project + ".json");
        new ObjectMapper().writeValue(record.toFile(), Map.of("pid", started.get(0).pid(), "started", startedAt,
                "port", 1));
        LocalModelServerLauncher afterCrash = new LocalModelServerLauncher(RUNNER, "-Xmx1g", store);
        assertEquals(ServerStatus.Phase.MISSING, afterCrash.status(server).phase());
        assertFalse(Files.exists(record), "the stale record is deleted");
    }

    private static void awaitReady(ModelServerLauncher launcher, ModelServer server) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> launcher.status(server).phase() == ServerStatus.Phase.READY);
    }

    /** This JVM's {@code nlp-runner serve} children (the launcher starts them; adopting starts none). */
    private static List<ProcessHandle> serveProcesses() {
        return ProcessHandle.current().children().filter(p -> p.info().commandLine().orElse("").contains(" serve "))
                .toList();
    }

    private List<ProcessHandle> startedHere() {
        return serveProcesses().stream().filter(p -> !others.contains(p)).toList();
    }

    @AfterEach
    void stopServers() {
        startedHere().forEach(ChildProcesses::stop);
        assertTrue(startedHere().isEmpty());
    }
}
