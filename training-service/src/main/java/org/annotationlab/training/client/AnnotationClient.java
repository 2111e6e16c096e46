package org.annotationlab.training.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import org.annotationlab.events.annotation.TrainingSetHeaders;
import org.annotationlab.web.client.RemoteFailures;
import org.annotationlab.web.client.ServiceToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Stages a run's inputs from annotation-service into its folder, with the service's own token:
 * the selected training set (the CoNLL export, DESIGN.md §4, whose headers say how many
 * completions and spans it holds and how many spans were snapped or dropped) and every task text.
 * Blocking; every failure is an {@link IOException} saying what annotation-service did.
 */
@ApplicationScoped
public class AnnotationClient {

    private static final int PAGE_SIZE = 500;

    private final AnnotationRestClient annotations;
    private final ServiceToken token;

    AnnotationClient(@RestClient AnnotationRestClient annotations, ServiceToken token) {
        this.annotations = annotations;
        this.token = token;
    }

    /**
     * Streams the training set into {@code target}, through a {@code .part} file moved into place
     * once complete; throws with annotation-service's answer on failure.
     */
    public Staged stageTrainingSet(UUID projectId, List<String> tags, Path target) throws IOException {
        Response response;
        try {
            response = annotations.trainingSet(projectId, "conll", tags.isEmpty() ? null : String.join(",", tags),
                    token.bearer());
        } catch (RuntimeException e) {
            throw new IOException("annotation-service did not export the training set: " + RemoteFailures.describe(e), e);
        }
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        Staged staged;
        try (response) {
            if (response.getStatus() != 200) {
                throw new IOException("annotation-service answered " + response.getStatus() + " to the training-set export");
            }
            staged = new Staged(header(response, TrainingSetHeaders.COMPLETIONS), header(response, TrainingSetHeaders.SPANS),
                    header(response, TrainingSetHeaders.SPANS_ADJUSTED), header(response, TrainingSetHeaders.SPANS_DROPPED));
            try (InputStream body = response.readEntity(InputStream.class)) {
                Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e instanceof IOException io ? io
                    : new IOException("reading the training set from annotation-service failed: " + RemoteFailures.describe(e), e);
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return staged;
    }

    /**
     * Every task text of the project, one per line, into {@code target}: the unlabelled corpus
     * nlp-runner's Word2Vec learns from beside the training set, so words that only occur in tasks
     * not yet annotated still get vectors — the tasks the model will pre-annotate.
     *
     * @return the number of texts written
     */
    public int stageTexts(UUID projectId, Path target) throws IOException {
        int written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(target)) {
            for (int page = 0; ; page++) {
                List<AnnotationRestClient.Task> tasks = taskPage(projectId, page);
                for (AnnotationRestClient.Task task : tasks) {
                    out.write(task.text() == null ? "" : task.text().replace('\n', ' ').replace('\r', ' '));
                    out.newLine();
                    written++;
                }
                if (tasks.size() < PAGE_SIZE) {
                    return written;
                }
            }
        }
    }

    private List<AnnotationRestClient.Task> taskPage(UUID projectId, int page) throws IOException {
        try {
            AnnotationRestClient.TaskPage tasks = annotations.tasks(projectId, page, PAGE_SIZE, token.bearer());
            return tasks.items() == null ? List.of() : tasks.items();
        } catch (RuntimeException e) {
            throw new IOException("annotation-service did not list the tasks: " + RemoteFailures.describe(e), e);
        }
    }

    private static long header(Response response, String name) throws IOException {
        String value = response.getHeaderString(name);
        if (value == null) {
            throw new IOException("annotation-service's export has no " + name + " header");
        }
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
