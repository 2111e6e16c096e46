package org.annotationlab.nlprunner.serve;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

import org.annotationlab.nlprunner.cli.Options;
import org.annotationlab.nlprunner.spark.SparkSessions;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code nlp-runner serve --port <p> --models <name=path,...> [--host <addr>]}: starts the HTTP
 * server at once (liveness answers immediately) and loads the models in the background;
 * readiness turns to 200 when they are loaded. A list that fails to load keeps the server up
 * and not ready, with the reason in {@code /health/ready}, until a {@code PUT /models} fixes it.
 */
public final class ServeCommand {

    private static final Set<String> OPTIONS = Set.of("port", "models", "host");

    private final PrintStream log;

    public ServeCommand(PrintStream log) {
        this.log = log;
    }

    /**
     * Starts serving; the returned server runs until closed (its threads keep the JVM alive).
     *
     * @throws IllegalArgumentException for bad arguments
     */
    public ModelServer start(List<String> args) throws IOException {
        Options options = Options.parse(args, OPTIONS);
        int port = parsePort(options.require("port"));
        List<ModelSpec> specs = ModelSpec.parseList(options.require("models"));
        String host = options.get("host").orElse("0.0.0.0");

        ObjectMapper json = new ObjectMapper();
        ModelRegistry registry = new ModelRegistry(new ModelLoader(json));
        ModelServer server = ModelServer.start(host, port, registry, json, log);
        log.println("[nlp-runner serve] listening on " + host + ":" + server.port() + ", loading " + specs);
        Thread loader = new Thread(() -> load(registry, specs), "model-loader");
        loader.setDaemon(true);
        loader.start();
        return server;
    }

    private void load(ModelRegistry registry, List<ModelSpec> specs) {
        long started = System.nanoTime();
        try {
            SparkSessions.local(); // PipelineModel.load reads through a SparkSession
            registry.replace(specs);
            log.printf("[nlp-runner serve] ready: %d model(s) loaded in %.1f s%n", specs.size(),
                    (System.nanoTime() - started) / 1e9);
        } catch (ModelLoadException e) {
            log.println("[nlp-runner serve] not ready: " + e.getMessage());
        } catch (RuntimeException e) {
            log.println("[nlp-runner serve] not ready: loading failed: " + e);
        }
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number from 0 to 65535, got '" + value + "'");
        }
    }
}
