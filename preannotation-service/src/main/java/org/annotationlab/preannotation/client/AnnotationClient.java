package org.annotationlab.preannotation.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.annotationlab.web.client.RemoteFailures;
import org.annotationlab.web.client.ServiceToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * annotation-service for a run, with this service's own token (blocking): the project's tasks,
 * page by page, and the predictions of each model version. A call that failed after its retries is
 * an {@link IOException} saying what annotation-service did.
 */
@ApplicationScoped
public class AnnotationClient {

    /** Tasks per page of the listing. */
    public static final int PAGE_SIZE = 500;

    private final AnnotationRestClient annotations;
    private final ServiceToken token;

    AnnotationClient(@RestClient AnnotationRestClient annotations, ServiceToken token) {
        this.annotations = annotations;
        this.token = token;
    }

    /** Page {@code page} of the project's tasks that match {@code filter}, {@link #PAGE_SIZE} at most. */
    public List<Task> tasks(UUID projectId, TaskFilter filter, int page) throws IOException {
        String bearer = token.bearer();
        try {
            List<Task> tasks = annotations.tasks(projectId, filter.tag(), filter.completion(), filter.assignee(),
                    filter.reviewer(), filter.predictions(), page, PAGE_SIZE, bearer).items();
            return tasks == null ? List.of() : tasks;
        } catch (RuntimeException e) {
            throw new IOException("GET /projects/" + projectId + "/tasks " + RemoteFailures.describe(e), e);
        }
    }

    /** The project's task order as annotation-service holds it now: {@code sequential}, {@code random} or {@code uncertainty}. */
    public String taskOrder(UUID projectId) throws IOException {
        String bearer = token.bearer();
        try {
            return annotations.taskOrder(projectId, bearer).strategy();
        } catch (RuntimeException e) {
            throw new IOException("GET /projects/" + projectId + "/task-order " + RemoteFailures.describe(e), e);
        }
    }

    /** Stores one model version's predictions (replacing that version's earlier ones for these tasks). */
    public void store(UUID projectId, PredictionBatch batch) throws IOException {
        String bearer = token.bearer();
        try {
            annotations.storePredictions(projectId, batch, bearer);
        } catch (RuntimeException e) {
            throw new IOException("PUT /projects/" + projectId + "/predictions " + RemoteFailures.describe(e), e);
        }
    }

    /**
     * Which of a project's tasks a listing shows, as annotation-service's {@code GET /projects/{id}/tasks}
     * takes it: every condition given must hold; a null one is not sent (not filtered).
     *
     * @param completion {@code none}, {@code any}, {@code draft}, {@code submitted},
     *        {@code awaiting-review}, {@code accepted} or {@code rejected}
     * @param predictions {@code any} or {@code none}
     */
    public record TaskFilter(String tag, String completion, String assignee, String reviewer, String predictions) {
    }

    /** A task to pre-annotate. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Task(UUID id, String text) {
    }

    /** One model version's predictions for some tasks. */
    public record PredictionBatch(String model, String modelVersion, List<TaskPrediction> predictions) {
    }

    /**
     * A model's spans for one task, with their mean confidence (null without spans) and the
     * model's uncertainty about the whole text (null when the model server gave none).
     */
    public record TaskPrediction(UUID taskId, List<Span> spans, Double score, ModelServerClient.Uncertainty uncertainty) {
    }

    /** A predicted span: character offsets and label. */
    public record Span(int start, int end, String label) {
    }
}
