package org.annotationlab.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** A server-sent event stream read as a client would, for tests: each event's data, until the server ends it. */
public final class ServerSentEvents {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ServerSentEvents() {
    }

    /**
     * Opens {@code url} with the bearer token and collects the {@code data:} of every event in the
     * background; the future completes with them when the server ends the stream, and fails when
     * it does not end within {@code limit} or answers other than 200.
     */
    public static CompletableFuture<List<String>> collect(String url, String bearer, Duration limit) {
        return collect(url, bearer, Integer.MAX_VALUE, limit);
    }

    /** The same, closing the stream after its first {@code count} events (for a stream that does not end). */
    public static CompletableFuture<List<String>> collect(String url, String bearer, int count, Duration limit) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", bearer)
                .header("Accept", "text/event-stream").timeout(limit).GET().build();
        return CompletableFuture.supplyAsync(() -> {
            try {
                HttpResponse<Stream<String>> response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
                }
                List<String> data = new ArrayList<>();
                try (Stream<String> lines = response.body()) {
                    lines.filter(line -> line.startsWith("data:")).limit(count)
                            .forEach(line -> data.add(line.substring(5).trim()));
                }
                return data;
            } catch (IOException e) {
                throw new IllegalStateException("reading the events of " + url + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }
}
