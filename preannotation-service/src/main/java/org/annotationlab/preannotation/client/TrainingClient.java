package org.annotationlab.preannotation.client;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.annotationlab.web.client.RemoteFailures;
import org.annotationlab.web.client.RemoteProblem;
import org.annotationlab.web.client.ServiceToken;
import org.annotationlab.web.problem.ProblemException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * training-service, which holds each project's busy state (DESIGN.md §9): a run leases the project
 * before it starts, so a training and a pre-annotation never both start. Blocking, with this
 * service's own token; training-service's refusal is passed on as it came (409 or 404 with its
 * reason), anything else is a 503 {@code TRAINING_SERVICE_UNAVAILABLE}.
 */
@ApplicationScoped
public class TrainingClient {

    private final TrainingRestClient training;
    private final ServiceToken token;

    TrainingClient(@RestClient TrainingRestClient training, ServiceToken token) {
        this.training = training;
        this.token = token;
    }

    /**
     * Leases the project for run {@code runId}; a problem (409 while it trains) when refused. A
     * {@code yields} lease (a background run) is revoked when a training is queued, not in its way.
     */
    public void lease(UUID projectId, UUID runId, boolean yields) {
        call(bearer -> training.lease(projectId, runId, yields, bearer));
    }

    /** Whether the run's lease was revoked: a training was queued and the background run must stop. */
    public boolean revoked(UUID projectId, UUID runId) {
        return ask(bearer -> training.state(projectId, runId, bearer).revoked());
    }

    /** Gives back the lease of a run that did not start (nothing when there is none). */
    public void release(UUID projectId, UUID runId) {
        call(bearer -> training.release(projectId, runId, bearer));
    }

    /** The run is stored: its lease holds until the run's PreannotationCompleted. */
    public void confirm(UUID projectId, UUID runId) {
        call(bearer -> training.confirm(projectId, runId, bearer));
    }

    private void call(Consumer<String> call) {
        ask(bearer -> {
            call.accept(bearer);
            return null;
        });
    }

    /** One call with this service's token; its answer, or the refusal (409, 404) or unavailability (503) as a problem. */
    private <T> T ask(Function<String, T> call) {
        String bearer = token.bearer();
        try {
            return call.apply(bearer);
        } catch (RemoteProblem answer) {
            if (answer.status() == 409 || answer.status() == 404) {
                throw new ProblemException(answer.status(), answer.reason() != null ? answer.reason() : "TRAINING_IN_PROGRESS",
                        answer.detail().isBlank() ? "the project is busy" : answer.detail());
            }
            throw unavailable("it " + answer.getMessage());
        } catch (RuntimeException e) {
            throw unavailable(RemoteFailures.describe(e));
        }
    }

    private static ProblemException unavailable(String why) {
        return new ProblemException(503, "TRAINING_SERVICE_UNAVAILABLE", "training-service, which decides whether the "
                + "project is busy training, could not be asked (" + why + "); try again");
    }
}
