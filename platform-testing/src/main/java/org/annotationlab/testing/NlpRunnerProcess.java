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
import java.util.concurrent.TimeUnit;

/**
 * The real {@code nlp-runner} (built in the reactor at {@code ../nlp-runner}) for a service's
 * tests: a tiny model trained once per build folder, and model servers.
 */
public final class NlpRunnerProcess implements AutoCloseable {

    private static final Path LAUNCHER = Path.of("..", "nlp-runner", "nlp-runner").toAbsolutePath().normalize();
    private static final Path SAMPLE = Path.of("..", "nlp-runner", "src", "test", "resources", "ncbi-sample", "train.tsv")
            .toAbsolutePath().normalize();

    private final Process process;
    private final int port;

    private NlpRunnerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * A 1-epoch model of nlp-runner's 300-sentence NCBI sample in {@code output} (a training run's
     * folder: model/, labels.json, metrics.json); trained only if it is not there yet (~30 s).
     */
    public static Path tinyModel(Path output) {
        if (Files.isDirectory(output.resolve("model").resolve("stages"))) {
            return output;
        }
        try {
            Files.createDirectories(output.getParent());
            Path params = Files.writeString(output.getParent().resolve(output.getFileName() + "-params.json"),
                    "{\"epochs\": 1, \"validationSplit\": 0.2}");
            Path log = output.getParent().resolve(output.getFileName() + "-train.log");
            Process train = new ProcessBuilder(LAUNCHER.toString(), "train", "--training-set", SAMPLE.toString(),
                    "--params", params.toString(), "--output", output.toString(),
                    "--termination-log", output.getParent().resolve(output.getFileName() + "-termination.log").toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!train.waitFor(5, TimeUnit.MINUTES)) {
                train.destroyForcibly();
                throw new IllegalStateException("training the tiny model took over 5 minutes; see " + log);
            }
            if (train.exitValue() != 0) {
                throw new IllegalStateException("training the tiny model failed:\n" + Files.readString(log));
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + LAUNCHER, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code nlp-runner serve} with these models ({@code name=path,...}) on {@code port} (0: a free one), ready. */
    public static NlpRunnerProcess serve(String models, int port, Path log) {
        int chosen = port > 0 ? port : FreePorts.pick();
        try {
            ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "serve", "--port", Integer.toString(chosen),
                    "--models", models).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("JAVA_OPTS", "-Xmx1g");
            NlpRunnerProcess server = new NlpRunnerProcess(builder.start(), chosen);
            server.awaitReady(Duration.ofMinutes(3), log);
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + LAUNCHER + " serve", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    private void awaitReady(Duration timeout, Path log) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the model server exited; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url() + "/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("the model server was not ready within " + timeout + "; see " + log);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
