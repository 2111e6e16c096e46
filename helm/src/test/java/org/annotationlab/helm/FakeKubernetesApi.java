package org.annotationlab.helm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Just enough of a Kubernetes API for the chart's {@code lookup} of Secrets.
 *
 * <p>helm-java's {@code template} renders with dry-run "none", so {@code lookup} asks a cluster
 * (the real {@code helm template} does not). This server answers the discovery of {@code v1} and
 * {@code GET} of a Secret: 404 unless a test put the Secret here, which is how a test shows an
 * upgrade keeping generated passwords. Surefire points {@code KUBECONFIG} at the file this class
 * writes.
 */
final class FakeKubernetesApi {

    private static FakeKubernetesApi running;

    private final Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();

    private FakeKubernetesApi() {
    }

    /** Starts the server once per test JVM and writes the kubeconfig Helm reads. */
    static synchronized FakeKubernetesApi ensureRunning() {
        if (running == null) {
            String kubeconfig = System.getenv("KUBECONFIG");
            if (kubeconfig == null) {
                throw new IllegalStateException("KUBECONFIG is not set: run the tests through Maven (helm/pom.xml sets it)");
            }
            FakeKubernetesApi api = new FakeKubernetesApi();
            api.start(Paths.get(kubeconfig));
            running = api;
        }
        return running;
    }

    /** Makes a Secret exist (as after a previous install) until {@link #forgetSecrets()}. */
    void putSecret(String name, Map<String, String> data) {
        secrets.put(name, data);
    }

    void forgetSecrets() {
        secrets.clear();
    }

    private void start(Path kubeconfig) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "fake-kubernetes-api");
                thread.setDaemon(true);
                return thread;
            }));
            server.createContext("/", this::answer);
            server.start();
            Files.createDirectories(kubeconfig.getParent());
            Files.writeString(kubeconfig, String.join("\n",
                    "apiVersion: v1",
                    "kind: Config",
                    "clusters:",
                    "- name: fake",
                    "  cluster:",
                    "    server: http://127.0.0.1:" + server.getAddress().getPort(),
                    "contexts:",
                    "- name: fake",
                    "  context: {cluster: fake, user: fake}",
                    "current-context: fake",
                    "users:",
                    "- name: fake",
                    "  user: {}",
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String[] parts = path.split("/");
        if (path.equals("/api/v1")) {
            reply(exchange, 200, "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"v1\","
                    + "\"resources\":[{\"name\":\"secrets\",\"singularName\":\"secret\",\"namespaced\":true,"
                    + "\"kind\":\"Secret\",\"verbs\":[\"get\",\"list\"]}]}");
        } else if (parts.length == 7 && parts[3].equals("namespaces") && parts[5].equals("secrets")
                && secrets.containsKey(parts[6])) {
            reply(exchange, 200, secretJson(parts[4], parts[6], secrets.get(parts[6])));
        } else {
            reply(exchange, 404, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                    + "\"reason\":\"NotFound\",\"code\":404,\"message\":\"" + path + " not found\"}");
        }
    }

    private static String secretJson(String namespace, String name, Map<String, String> data) {
        String encoded = data.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + Base64.getEncoder()
                        .encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8)) + "\"")
                .collect(Collectors.joining(","));
        return "{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"" + name
                + "\",\"namespace\":\"" + namespace + "\"},\"type\":\"Opaque\",\"data\":{" + encoded + "}}";
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
