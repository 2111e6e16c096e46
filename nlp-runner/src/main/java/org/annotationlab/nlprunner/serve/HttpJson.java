package org.annotationlab.nlprunner.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * JSON request and response helpers for the model server's handlers, including the platform's
 * problem format ({@code title}, {@code status}, {@code detail}) for every error.
 */
final class HttpJson {

    /** Largest request body accepted (10 MiB): enough for a batch of long task texts. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    private final ObjectMapper json;

    HttpJson(ObjectMapper json) {
        this.json = json;
    }

    ObjectMapper mapper() {
        return json;
    }

    /** An error answered to the client as a problem document. */
    static final class Problem extends Exception {
        final int status;
        final String title;

        Problem(int status, String title, String detail) {
            super(detail);
            this.status = status;
            this.title = title;
        }
    }

    /** Reads the body as JSON. */
    JsonNode readBody(HttpExchange exchange) throws IOException, Problem {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new Problem(413, "Request too large", "the body exceeds " + MAX_BODY_BYTES + " bytes");
        }
        if (body.length == 0) {
            throw new Problem(400, "Bad request", "the request has no body; a JSON object is expected");
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Problem(400, "Malformed JSON", e.getOriginalMessage());
        }
    }

    void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        write(exchange, status, "application/json", json.writeValueAsBytes(body));
    }

    void sendProblem(HttpExchange exchange, Problem problem) throws IOException {
        ObjectNode body = json.createObjectNode();
        body.put("title", problem.title);
        body.put("status", problem.status);
        body.put("detail", problem.getMessage());
        write(exchange, problem.status, "application/problem+json", json.writeValueAsBytes(body));
    }

    private static void write(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
