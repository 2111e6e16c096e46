package org.annotationlab.preannotation.run;

import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.annotationlab.events.deployment.DeploymentStarted.DeployedModel;
import org.annotationlab.preannotation.client.ModelServerClient;
import org.annotationlab.preannotation.config.PreannotationConfig;
import org.annotationlab.preannotation.project.ProjectState;
import org.annotationlab.web.Blocking;
import org.jboss.logging.Logger;

/**
 * Predicts a write batch of a run's tasks on the project's model server, in calls of
 * {@code batch-size} texts, one after the other. Each call goes to the project's serving endpoint
 * as it is then: deploy-service restores a crashed server, possibly at another address, and the run
 * follows it, waiting (up to {@code server-wait}, once per run) while no server answers. A call the
 * server answers with errors is retried with doubling waits, then its texts are sent one by one; a
 * task that still fails is reported with its error and the rest go on.
 */
@ApplicationScoped
class BatchPredictor {

    private static final Logger LOG = Logger.getLogger(BatchPredictor.class);
    /** The longest pause between two calls to a model server that does not answer. */
    private static final Duration MAX_PAUSE = Duration.ofSeconds(5);

    private final PreannotationConfig config;
    private final ModelServerClient servers;
    /**
     * Runs that already waited {@code server-wait} for a model server in vain: their next calls do
     * not wait again (their remaining tasks fail quickly) until a call succeeds.
     */
    private final Set<UUID> waitedInVain = ConcurrentHashMap.newKeySet();

    BatchPredictor(PreannotationConfig config, ModelServerClient servers) {
        this.config = config;
        this.servers = servers;
    }

    /** What the model server answered for a batch: results by position, and the tasks it failed on. */
    record Predicted(Map<Integer, ModelServerClient.TextSpans> results, Map<Integer, String> errors) {
    }

    /** Predicts the batch with the deployment's models. */
    Predicted predict(PreannotationRun run, List<DeployedModel> models, List<TaskRow> batch) throws InterruptedException {
        List<String> texts = batch.stream().map(TaskRow::text).toList();
        List<String> names = models.stream().map(DeployedModel::name).toList();
        Map<Integer, ModelServerClient.TextSpans> predicted = new LinkedHashMap<>();
        Map<Integer, String> errors = new LinkedHashMap<>();
        for (int from = 0; from < texts.size(); from += config.batchSize()) {
            int to = Math.min(texts.size(), from + config.batchSize());
            List<String> call = texts.subList(from, to);
            try {
                List<ModelServerClient.TextSpans> results = predictAtServingEndpoint(run, call, names);
                for (int i = from; i < to; i++) {
                    predicted.put(i, results.get(i - from));
                }
            } catch (IOException callFailure) {
                LOG.warnf("pre-annotation %s: a batch of %d failed (%s); trying its tasks one by one", run.id,
                        call.size(), callFailure.getMessage());
                for (int i = from; i < to; i++) {
                    try {
                        predicted.put(i, servers.predict(servingEndpoint(run), List.of(texts.get(i)), names).get(0));
                    } catch (IOException e) {
                        errors.put(i, "the model server failed on this task: " + e.getMessage());
                    }
                }
            }
        }
        return new Predicted(predicted, errors);
    }

    /** The run has ended: its next run of the project waits for a server again. */
    void forget(UUID runId) {
        waitedInVain.remove(runId);
    }

    /**
     * One predict call, sent to the project's serving endpoint as it is at each attempt. While
     * no server answers ({@link ModelServerClient.Unavailable}: crashed, being restored, loading),
     * the call waits for one with doubling pauses of at most {@link #MAX_PAUSE}, up to
     * {@code server-wait} in all, once per run; a server that answers with an error gets
     * {@code batch-attempts}.
     */
    private List<ModelServerClient.TextSpans> predictAtServingEndpoint(PreannotationRun run, List<String> texts,
            List<String> names) throws IOException, InterruptedException {
        long giveUpAt = System.nanoTime() + (waitedInVain.contains(run.id) ? 0 : config.serverWait().toNanos());
        long pause = config.retryBackoff().toMillis();
        int answeredWithError = 0;
        String previous = null;
        while (true) {
            String endpoint = servingEndpoint(run);
            if (previous != null && !previous.equals(endpoint)) {
                LOG.infof("pre-annotation %s: the model server moved from %s to %s; the run follows it", run.id, previous, endpoint);
            }
            previous = endpoint;
            try {
                List<ModelServerClient.TextSpans> results = servers.predict(endpoint, texts, names);
                waitedInVain.remove(run.id);
                return results;
            } catch (ModelServerClient.Unavailable e) {
                if (System.nanoTime() + pause * 1_000_000 > giveUpAt) {
                    waitedInVain.add(run.id);
                    throw new IOException("no model server answered at the project's serving endpoint for "
                            + config.serverWait() + " (last: " + e.getMessage() + ")", e);
                }
            } catch (IOException e) {
                if (++answeredWithError >= config.batchAttempts()) {
                    throw e;
                }
            }
            Thread.sleep(pause);
            pause = Math.min(pause * 2, MAX_PAUSE.toMillis());
        }
    }

    /**
     * Where the project's model server listens now (deploy-service's latest READY deployment, from
     * its events); the run's own endpoint when the project's row names none.
     */
    private static String servingEndpoint(PreannotationRun run) {
        String current = Blocking.await(() -> Panache.withSession(() -> ProjectState.<ProjectState>findById(run.projectId)
                .map(p -> p == null ? null : p.servingEndpoint)));
        return current != null ? current : run.endpoint;
    }
}
