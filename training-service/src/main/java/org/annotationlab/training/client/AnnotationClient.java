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
import java.util.function.Supplier;
import org.annotationlab.events.annotation.TrainingSetHeaders;
import org.annotationlab.training.contract.RunFiles;
import org.annotationlab.web.client.RemoteFailures;
import org.annotationlab.web.client.ServiceToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Stages a run's inputs from annotation-service into its folder, with the service's own token:
 * the selected training set (the CoNLL export, DESIGN.md §4, whose headers say how many
 * completions and spans it holds and how many spans were snapped or dropped), the test set and
 * the task texts.
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
     * Stages a run's data from annotation-service into {@code dir}: the training set
     * ({@link RunFiles#TRAINING_SET}, CoNLL), the test set ({@link RunFiles#TEST_SET}, NDJSON) and
     * the texts of every task but the test tasks ({@link RunFiles#UNLABELLED}). Both exports name
     * the test tag they used; should it change between them (someone saved another test tag just
     * then), both are staged again, so a run never trains on a task it is tested on.
     */
    public Staged stageRun(UUID projectId, List<String> tags, Path dir) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Export training = export(() -> annotations.trainingSet(projectId, "conll",
                    tags.isEmpty() ? null : String.join(",", tags), token.bearer()), "training set", dir.resolve(RunFiles.TRAINING_SET));
            Export test = export(() -> annotations.testSet(projectId, "json", token.bearer()), "test set",
                    dir.resolve(RunFiles.TEST_SET));
            if (training.testTag().equals(test.testTag()) || attempt == 3) {
                if (!training.testTag().equals(test.testTag())) {
                    throw new IOException("the project's test tag kept changing while the run's data was fetched ("
                            + training.testTag() + ", then " + test.testTag() + ")");
                }
                int texts = stageTexts(projectId, training.testTag(), dir.resolve(RunFiles.UNLABELLED));
                return new Staged(training.completions(), training.spans(), training.spansAdjusted(),
                        training.spansDropped(), training.testTag(), test.completions(), texts);
            }
        }
    }

    /** Streams one export into {@code target}, through a {@code .part} file moved into place once complete. */
    private static Export export(Supplier<Response> call, String what, Path target) throws IOException {
        Response response;
        try {
            response = call.get();
        } catch (RuntimeException e) {
            throw new IOException("annotation-service did not export the " + what + ": " + RemoteFailures.describe(e), e);
        }
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        Export export;
        try (response) {
            if (response.getStatus() != 200) {
                throw new IOException("annotation-service answered " + response.getStatus() + " to the " + what + " export");
            }
            String testTag = response.getHeaderString(TrainingSetHeaders.TEST_TAG);
            if (testTag == null) {
                throw new IOException("annotation-service's " + what + " export has no " + TrainingSetHeaders.TEST_TAG + " header");
            }
            export = new Export(header(response, TrainingSetHeaders.COMPLETIONS), header(response, TrainingSetHeaders.SPANS),
                    header(response, TrainingSetHeaders.SPANS_ADJUSTED), header(response, TrainingSetHeaders.SPANS_DROPPED),
                    testTag);
            try (InputStream body = response.readEntity(InputStream.class)) {
                Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e instanceof IOException io ? io
                    : new IOException("reading the " + what + " from annotation-service failed: " + RemoteFailures.describe(e), e);
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return export;
    }

    private record Export(long completions, long spans, long spansAdjusted, long spansDropped, String testTag) {
    }

    /**
     * Every task text of the project but the test tasks', one per line, into {@code target}: the
     * unlabelled corpus nlp-runner's Word2Vec learns from beside the training set, so words that
     * only occur in tasks not yet annotated still get vectors — the tasks the model will
     * pre-annotate. Test texts stay unseen, as their labels do.
     *
     * @return the number of texts written
     */
    private int stageTexts(UUID projectId, String testTag, Path target) throws IOException {
        int written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(target)) {
            for (int page = 0; ; page++) {
                List<AnnotationRestClient.Task> tasks = taskPage(projectId, page);
                for (AnnotationRestClient.Task task : tasks) {
                    if (task.tags() != null && task.tags().contains(testTag)) {
                        continue;
                    }
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

    /**
     * What was staged: the training set's completions (one CoNLL sentence each) and spans as the
     * export reported them, the test tag both exports used, the test set's completions (0: none)
     * and the texts written for word vectors.
     */
    public record Staged(long completions, long spans, long spansAdjusted, long spansDropped, String testTag,
            long testCompletions, int texts) {

        /** Entity mentions in the file: every span but the dropped ones. */
        public long entities() {
            return spans - spansDropped;
        }
    }
}
