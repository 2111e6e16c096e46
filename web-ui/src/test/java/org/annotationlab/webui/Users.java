package org.annotationlab.webui;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local realm's demo users (infra/keycloak) and the REST calls a test makes to set the scene,
 * through the same gateway the browser uses.
 */
final class Users {

    static final String PASSWORD = "lab";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Users() {
    }

    static String token(String username) {
        String form = "grant_type=password&client_id=lab-cli&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + PASSWORD;
        String body = send(HttpRequest.newBuilder(URI.create(Browser.URL + "/auth/realms/annotationlab/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), 200);
        return field(body, "access_token");
    }

    /** A call to /api/... as the user; the body of the expected status. */
    static String call(String username, String method, String path, String json, int expected) {
        return call(username, method, path, json, "application/json", expected);
    }

    /** A call with a body of another type (a labeling config's XML, an import's text). */
    static String call(String username, String method, String path, String body, String type, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Browser.URL + "/api" + path))
                .header("Authorization", "Bearer " + token(username))
                .header("Content-Type", type);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(request.build(), expected);
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + json);
        }
        return m.group(1);
    }

    private static String send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new AssertionError(request.method() + " " + request.uri() + " answered " + response.statusCode()
                        + ", not " + expected + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new AssertionError(request.uri() + " could not be reached: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
