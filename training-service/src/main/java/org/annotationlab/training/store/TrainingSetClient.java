package org.annotationlab.training.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.annotationlab.events.annotation.TrainingSetHeaders;
import org.annotationlab.training.config.TrainingConfig;
import org.annotationlab.web.client.ServiceToken;

/**
 * Stages a project's selected training set into a run's folder: annotation-service's CoNLL
 * export (DESIGN.md §4), whose headers say how many completions and spans it holds and how many
 * spans were snapped or dropped. Blocking.
 */
@ApplicationScoped
public class TrainingSetClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final ServiceToken token;

    TrainingSetClient(TrainingConfig config, ServiceToken token) {
        this.baseUrl = config.annotationUrl().replaceAll("/+$", "");
        this.token = token;
    }

    /** Downloads the training set into {@code target}; throws with annotation-service's answer on failure. */
    public Staged stage(UUID projectId, List<String> tags, Path target) throws IOException {
        String query = "format=conll" + (tags.isEmpty() ? ""
                : "&tags=" + URLEncoder.encode(String.join(",", tags), StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/projects/" + projectId + "/training-set?" + query))
                .header("Authorization", token.bearer())
                .timeout(Duration.ofMinutes(30))
                .GET().build();
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        HttpResponse<Path> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofFile(partial));
        } catch (java.net.ConnectException e) {
            throw new IOException("cannot connect to annotation-service at " + baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching the training set", e);
        }
        if (response.statusCode() != 200) {
            String body = Files.exists(partial) ? Files.readString(partial) : "";
            Files.deleteIfExists(partial);
            throw new IOException("annotation-service answered " + response.statusCode() + " to "
                    + request.uri().getPath() + ": " + body.substring(0, Math.min(body.length(), 500)));
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Staged(header(response, TrainingSetHeaders.COMPLETIONS), header(response, TrainingSetHeaders.SPANS),
                header(response, TrainingSetHeaders.SPANS_ADJUSTED), header(response, TrainingSetHeaders.SPANS_DROPPED));
    }

    /**
     * Every task text of the project, one per line, into {@code target}: the unlabelled corpus
     * nlp-runner's Word2Vec learns from beside the training set, so words that only occur in tasks
     * not yet annotated still get vectors — the tasks the model will pre-annotate.
     *
     * @return the number of texts written
     */
    public int stageTexts(UUID projectId, Path target) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        int written = 0;
        try (java.io.BufferedWriter out = Files.newBufferedWriter(target)) {
            for (int page = 0; ; page++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/projects/" + projectId
                                + "/tasks?size=500&page=" + page))
                        .header("Authorization", token.bearer()).timeout(Duration.ofMinutes(2)).GET().build();
                HttpResponse<String> response;
                try {
                    response = http.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while listing the project's tasks", e);
                }
                if (response.statusCode() != 200) {
                    throw new IOException("annotation-service answered " + response.statusCode() + " to the task list: "
                            + response.body().substring(0, Math.min(response.body().length(), 300)));
                }
                com.fasterxml.jackson.databind.JsonNode tasks = json.readTree(response.body()).path("items");
                for (com.fasterxml.jackson.databind.JsonNode task : tasks) {
                    out.write(task.path("text").asText().replace('\n', ' ').replace('\r', ' '));
                    out.newLine();
                    written++;
                }
                if (tasks.size() < 500) {
                    return written;
                }
            }
        }
    }

    private static long header(HttpResponse<?> response, String name) throws IOException {
        String value = response.headers().firstValue(name)
                .orElseThrow(() -> new IOException("annotation-service's export has no " + name + " header"));
        return Long.parseLong(value.trim());
    }

    /** What the export reported: completions (one CoNLL sentence each) and spans. */
    public record Staged(long completions, long spans, long spansAdjusted, long spansDropped) {

        /** Entity mentions in the file: every span but the dropped ones. */
        public long entities() {
            return spans - spansDropped;
        }
    }
}
