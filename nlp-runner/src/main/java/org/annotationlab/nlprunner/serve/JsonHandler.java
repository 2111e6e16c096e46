package org.annotationlab.nlprunner.serve;

import java.io.IOException;
import java.io.PrintStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Base of the model server's handlers: routes by exact path and method, and turns every failure
 * into a problem response so one bad request never takes the server down.
 */
abstract class JsonHandler implements HttpHandler {

    protected final HttpJson http;
    private final PrintStream log;

    JsonHandler(HttpJson http, PrintStream log) {
        this.http = http;
        this.log = log;
    }

    /** Handles a request whose path this handler owns; throws a Problem for client errors. */
    protected abstract void handleJson(HttpExchange exchange, String path) throws IOException, HttpJson.Problem;

    @Override
    public final void handle(HttpExchange exchange) {
        try (exchange) {
            try {
                handleJson(exchange, exchange.getRequestURI().getPath());
            } catch (HttpJson.Problem problem) {
                http.sendProblem(exchange, problem);
            } catch (RuntimeException | IOException | OutOfMemoryError e) {
                log.println("[nlp-runner serve] " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getPath() + " failed: " + e);
                http.sendProblem(exchange, new HttpJson.Problem(500, "Internal error", String.valueOf(e.getMessage())));
            }
        } catch (IOException e) {
            log.println("[nlp-runner serve] cannot answer " + exchange.getRequestURI().getPath() + ": " + e.getMessage());
        }
    }

    protected static HttpJson.Problem notFound(String path) {
        return new HttpJson.Problem(404, "Not found", "no resource at " + path);
    }

    protected static HttpJson.Problem methodNotAllowed(HttpExchange exchange, String allowed) {
        exchange.getResponseHeaders().set("Allow", allowed);
        return new HttpJson.Problem(405, "Method not allowed",
                exchange.getRequestMethod() + " is not supported here; use " + allowed);
    }
}
