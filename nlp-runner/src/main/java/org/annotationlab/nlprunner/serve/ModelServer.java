package org.annotationlab.nlprunner.serve;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * The model server's HTTP endpoint on the JDK's built-in server (no web framework, so nothing
 * competes with Spark's Jackson/Netty versions): health, models, predict.
 */
public final class ModelServer implements AutoCloseable {

    /** Request threads; prediction itself fans out over the shared fork-join pool. */
    private static final int THREADS = 8;

    private final HttpServer server;
    private final ExecutorService executor;

    private ModelServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts listening on {@code port} (0 picks a free port) with the given registry. */
    public static ModelServer start(String host, int port, ModelRegistry registry, ObjectMapper json, PrintStream log)
            throws IOException {
        // Without TCP_NODELAY, a keep-alive client waits for a delayed ACK before the body of each
        // response: about 40 ms a request, a fifth of a 50-text prediction (P2 in the README).
        // Read once, when the JDK server's configuration class loads: set before the first server.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        HttpJson http = new HttpJson(json);
        server.createContext("/health/", new HealthHandler(http, log, registry));
        server.createContext("/models", new ModelsHandler(http, log, registry));
        server.createContext("/predict", new PredictHandler(http, log, registry));
        server.createContext("/", new JsonHandler(http, log) {
            @Override
            protected void handleJson(com.sun.net.httpserver.HttpExchange exchange, String path)
                    throws HttpJson.Problem {
                throw notFound(path);
            }
        });
        ExecutorService executor = Executors.newFixedThreadPool(THREADS);
        server.setExecutor(executor);
        server.start();
        return new ModelServer(server, executor);
    }

    /** The port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
