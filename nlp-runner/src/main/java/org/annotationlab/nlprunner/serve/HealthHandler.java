package org.annotationlab.nlprunner.serve;

import java.io.IOException;
import java.io.PrintStream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/** Liveness ({@code /health/live}: the process answers) and readiness ({@code /health/ready}: models loaded). */
final class HealthHandler extends JsonHandler {

    private final ModelRegistry registry;

    HealthHandler(HttpJson http, PrintStream log, ModelRegistry registry) {
        super(http, log);
        this.registry = registry;
    }

    @Override
    protected void handleJson(HttpExchange exchange, String path) throws IOException, HttpJson.Problem {
        if (!"GET".equals(exchange.getRequestMethod())) {
            throw methodNotAllowed(exchange, "GET");
        }
        ObjectNode body = http.mapper().createObjectNode();
        switch (path) {
            case "/health/live" -> http.send(exchange, 200, body.put("status", "UP"));
            case "/health/ready" -> {
                boolean ready = registry.ready();
                body.put("status", ready ? "UP" : "DOWN");
                body.put("models", registry.all().size());
                registry.lastFailure().ifPresent(failure -> body.put("lastLoadFailure", failure));
                http.send(exchange, ready ? 200 : 503, body);
            }
            default -> throw notFound(path);
        }
    }
}
