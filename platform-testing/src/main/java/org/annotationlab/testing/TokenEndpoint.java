package org.annotationlab.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A client-credentials token endpoint for tests ({@code POST /token}): what Keycloak answers a
 * service asking for its own token, signed with the {@link TestTokens} key. The token's subject is
 * {@code service-account-<client_id>} with the realm role {@code admin}, as the realm file gives
 * every service account. No secret is checked.
 */
public final class TokenEndpoint implements AutoCloseable {

    private final HttpServer server;

    private TokenEndpoint(HttpServer server) {
        this.server = server;
    }

    public static TokenEndpoint start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/token", exchange -> {
                try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
                    Map<String, String> form = form(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    String client = form.getOrDefault("client_id", clientFromBasicAuth(exchange.getRequestHeaders().getFirst("Authorization")));
                    String body = "{\"access_token\":\"" + TestTokens.token("service-account-" + client, "admin")
                            + "\",\"token_type\":\"Bearer\",\"expires_in\":300}";
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, bytes.length);
                    out.write(bytes);
                }
            });
            server.start();
            return new TokenEndpoint(server);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the test token endpoint", e);
        }
    }

    /** The base URL; the token path is {@code /token}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static String clientFromBasicAuth(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return "unknown";
        }
        String decoded = new String(java.util.Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return URLDecoder.decode(colon < 0 ? decoded : decoded.substring(0, colon), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
