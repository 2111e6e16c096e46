package org.annotationlab.preannotation.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.annotationlab.events.deployment.DeploymentStarted.DeployedModel;
import org.annotationlab.preannotation.client.Clients;
import org.annotationlab.preannotation.config.PreannotationConfig;
import org.annotationlab.preannotation.project.ProjectState;
import org.annotationlab.web.Blocking;
import org.jboss.logging.Logger;

/**
 * Carries RUNNING runs to their end on a worker thread: resolves the tasks, then sends their
 * texts to the model server in batches and writes the predictions to annotation-service, one
 * write per model (its version named, so a re-run replaces that version's predictions). A batch
 * the server keeps failing (it restarted, it is overloaded) is retried with doubling waits, then
 * its tasks one by one: a task that still fails is reported with its error and the rest go on.
 * Progress is committed per batch, so a restarted service resumes where it stopped.
 */
@ApplicationScoped
public class PreannotationWorker {

    private static final Logger LOG = Logger.getLogger(PreannotationWorker.class);
    private static final Pattern VERSION = Pattern.compile("_v(\\d+)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PreannotationConfig config;
    private final Clients clients;
    private final PreannotationRequests requests;
    private final java.util.concurrent.ExecutorService predictor = java.util.concurrent.Executors.newSingleThreadExecutor(
            r -> new Thread(r, "preannotation-predictor"));

    PreannotationWorker(PreannotationConfig config, Clients clients, PreannotationRequests requests) {
        this.config = config;
        this.clients = clients;
        this.requests = requests;
    }

    @Scheduled(every = "${lab.preannotation.poll-interval:0.25s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "preannotation-worker")
    void tick() {
        try {
            for (PreannotationRun run : Blocking.await(() -> Panache.withSession(() -> PreannotationRun.<PreannotationRun>list(
                    "state = ?1 order by createdAt", PreannotationRun.State.RUNNING)))) {
                try {
                    process(run);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    LOG.warnf(e, "pre-annotation %s: tick failed; it resumes at the next one", run.id);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "pre-annotation worker tick failed; the next one retries");
        }
    }

    private void process(PreannotationRun run) throws InterruptedException {
        if (!run.selected && !select(run)) {
            return;
        }
        List<DeployedModel> models = ProjectState.models(run.models);
        // The next batch is predicted while the current one is stored: the model server (CPU) and
        // annotation-service (database) work at the same time.
        List<Object[]> batch = pending(run.id, -1);
        Future<Predicted> prediction = batch.isEmpty() ? null : predictor.submit(predictTask(run, models, batch));
        while (true) {
            PreannotationRun now = Blocking.await(() -> Panache.withSession(() -> PreannotationRun.<PreannotationRun>findById(run.id)));
            if (now.state != PreannotationRun.State.RUNNING) {
                return;
            }
            if (now.cancelRequested) {
                if (prediction != null) {
                    prediction.cancel(true);
                }
                end(run.id, PreannotationRun.State.CANCELLED, "cancelled");
                return;
            }
            if (batch.isEmpty()) {
                PreannotationRun.State state = now.failed == 0 ? PreannotationRun.State.SUCCEEDED
                        : now.done == 0 ? PreannotationRun.State.FAILED : PreannotationRun.State.PARTIAL;
                end(run.id, state, now.failed == 0 ? null : now.failed + " of " + now.total + " tasks failed");
                return;
            }
            Predicted predicted;
            try {
                predicted = prediction.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("predicting a batch failed", e.getCause());
            }
            int last = ((Number) batch.get(batch.size() - 1)[0]).intValue();
            List<Object[]> next = pending(run.id, last);
            Future<Predicted> nextPrediction = next.isEmpty() ? null : predictor.submit(predictTask(now, models, next));
            store(now, models, batch, predicted);
            batch = next;
            prediction = nextPrediction;
        }
    }

    private List<Object[]> pending(UUID runId, int afterSeq) {
        return Blocking.await(() -> Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "select seq, task_id, text from preannotation_task where run_id = :r and state = 'PENDING'"
                                + " and seq > :after order by seq limit :n", Object[].class)
                .setParameter("r", runId).setParameter("after", afterSeq).setParameter("n", config.batchSize())
                .getResultList())));
    }

    /** Resolves the run's tasks into rows; false when annotation-service cannot be read (the run fails). */
    private boolean select(PreannotationRun run) throws InterruptedException {
        List<Clients.Task> tasks;
        try {
            tasks = clients.tasks(run.projectId, run.tag, config.maxTasks());
        } catch (IOException e) {
            end(run.id, PreannotationRun.State.FAILED, "cannot list the project's tasks: " + e.getMessage());
            return false;
        }
        List<Clients.Task> chosen = new ArrayList<>();
        Map<UUID, String> unknown = new LinkedHashMap<>();
        if (run.taskIds == null) {
            chosen.addAll(tasks.subList(0, Math.min(tasks.size(), config.maxTasks())));
        } else {
            Map<UUID, Clients.Task> byId = new HashMap<>();
            tasks.forEach(t -> byId.put(t.id(), t));
            for (UUID id : readIds(run.taskIds)) {
                Clients.Task task = byId.get(id);
                if (task != null) {
                    chosen.add(task);
                } else {
                    unknown.put(id, "no such task in the project" + (run.tag == null ? "" : " with tag " + run.tag));
                }
            }
        }
        Blocking.await(() -> Panache.withTransaction(() -> insert(run.id, chosen, unknown)
                .chain(() -> PreannotationRun.locked(run.id)).invoke(r -> {
                    r.selected = true;
                    r.total = chosen.size() + unknown.size();
                    r.failed = unknown.size();
                })));
        return true;
    }

    private static Uni<Void> insert(UUID runId, List<Clients.Task> tasks, Map<UUID, String> unknown) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        int seq = 0;
        for (int from = 0; from < tasks.size(); from += 500) {
            List<Clients.Task> chunk = tasks.subList(from, Math.min(tasks.size(), from + 500));
            StringBuilder sql = new StringBuilder("insert into preannotation_task (run_id, seq, task_id, text) values ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(:r, ").append(seq + i).append(", :t").append(i).append(", :x").append(i).append(')');
            }
            int base = seq;
            seq += chunk.size();
            chain = chain.chain(() -> Panache.getSession().flatMap(s -> {
                var query = s.createNativeQuery(sql.toString()).setParameter("r", runId);
                for (int i = 0; i < chunk.size(); i++) {
                    query.setParameter("t" + i, chunk.get(i).id()).setParameter("x" + i, chunk.get(i).text());
                }
                return query.executeUpdate();
            })).replaceWithVoid();
        }
        for (Map.Entry<UUID, String> entry : unknown.entrySet()) {
            int at = seq++;
            chain = chain.chain(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("insert into preannotation_task"
                            + " (run_id, seq, task_id, text, state, error) values (:r, :s, :t, '', 'FAILED', :e)")
                    .setParameter("r", runId).setParameter("s", at).setParameter("t", entry.getKey())
                    .setParameter("e", entry.getValue()).executeUpdate())).replaceWithVoid();
        }
        return chain;
    }

    /** What the model server answered for a batch: results by position, and the tasks it failed on. */
    private record Predicted(Map<Integer, JsonNode> results, Map<Integer, String> errors) {
    }

    private java.util.concurrent.Callable<Predicted> predictTask(PreannotationRun run, List<DeployedModel> models, List<Object[]> batch) {
        return () -> predict(run, models, batch);
    }

    /** Predicts a batch: retried with doubling waits, then task by task; a task that still fails is reported. */
    private Predicted predict(PreannotationRun run, List<DeployedModel> models, List<Object[]> batch) throws InterruptedException {
        List<String> texts = batch.stream().map(row -> (String) row[2]).toList();
        List<String> names = models.stream().map(DeployedModel::name).toList();
        Map<Integer, JsonNode> predicted = new LinkedHashMap<>();
        Map<Integer, String> errors = new LinkedHashMap<>();
        try {
            JsonNode results = withRetries(() -> clients.predict(run.endpoint, texts, names), config.batchAttempts());
            for (int i = 0; i < batch.size(); i++) {
                predicted.put(i, results.get(i));
            }
        } catch (IOException batchFailure) {
            LOG.warnf("pre-annotation %s: a batch of %d failed %d times (%s); trying its tasks one by one", run.id,
                    batch.size(), config.batchAttempts(), batchFailure.getMessage());
            for (int i = 0; i < batch.size(); i++) {
                try {
                    predicted.put(i, clients.predict(run.endpoint, List.of(texts.get(i)), names).get(0));
                } catch (IOException e) {
                    errors.put(i, "the model server failed on this task: " + e.getMessage());
                }
            }
        }
        return new Predicted(predicted, errors);
    }

    /** Writes a predicted batch, one write per model, and records each task's outcome. */
    private void store(PreannotationRun run, List<DeployedModel> models, List<Object[]> batch, Predicted outcome)
            throws InterruptedException {
        Map<Integer, JsonNode> predicted = outcome.results();
        Map<Integer, String> errors = new LinkedHashMap<>(outcome.errors());
        for (DeployedModel model : models) {
            List<Map<String, Object>> predictions = new ArrayList<>();
            List<Integer> covered = new ArrayList<>();
            predicted.forEach((i, result) -> {
                if (errors.containsKey(i)) {
                    return;
                }
                List<Map<String, Object>> spans = new ArrayList<>();
                double confidence = 0;
                for (JsonNode span : result.path("spans")) {
                    if (model.name().equals(span.path("model").asText()) && model.labels().contains(span.path("label").asText())) {
                        spans.add(Map.of("start", span.path("start").asInt(), "end", span.path("end").asInt(),
                                "label", span.path("label").asText()));
                        confidence += span.path("confidence").asDouble();
                    }
                }
                Map<String, Object> prediction = new HashMap<>();
                prediction.put("taskId", batch.get(i)[1].toString());
                prediction.put("spans", spans);
                prediction.put("score", spans.isEmpty() ? null : confidence / spans.size());
                predictions.add(prediction);
                covered.add(i);
            });
            if (predictions.isEmpty()) {
                continue;
            }
            Map<String, Object> write = Map.of("model", model.name(), "modelVersion", version(model.name()), "predictions", predictions);
            try {
                withRetries(() -> {
                    clients.store(run.projectId, write);
                    return null;
                }, 3);
            } catch (IOException e) {
                covered.forEach(i -> errors.put(i, "storing the predictions of " + model.name() + " failed: " + e.getMessage()));
            }
        }
        record(run.id, batch, errors);
    }

    private void record(UUID runId, List<Object[]> batch, Map<Integer, String> errors) {
        List<Integer> done = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (!errors.containsKey(i)) {
                done.add(((Number) batch.get(i)[0]).intValue());
            }
        }
        Blocking.await(() -> Panache.withTransaction(() -> {
            Uni<Void> chain = done.isEmpty() ? Uni.createFrom().voidItem()
                    : Panache.getSession().flatMap(s -> s.createNativeQuery(
                                    "update preannotation_task set state = 'DONE' where run_id = :r and seq in (:seqs)")
                            .setParameter("r", runId).setParameter("seqs", done).executeUpdate()).replaceWithVoid();
            for (Map.Entry<Integer, String> failure : errors.entrySet()) {
                int seq = ((Number) batch.get(failure.getKey())[0]).intValue();
                chain = chain.chain(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                                "update preannotation_task set state = 'FAILED', error = :e where run_id = :r and seq = :s")
                        .setParameter("e", failure.getValue()).setParameter("r", runId).setParameter("s", seq)
                        .executeUpdate())).replaceWithVoid();
            }
            return chain.chain(() -> PreannotationRun.locked(runId)).invoke(r -> {
                r.failed += errors.size();
                r.done += done.size();
            });
        }));
    }

    private void end(UUID runId, PreannotationRun.State state, String message) {
        Blocking.await(() -> Panache.withTransaction(() -> PreannotationRun.locked(runId).flatMap(r ->
                r.state != PreannotationRun.State.RUNNING ? Uni.createFrom().voidItem() : requests.finish(r, state, message))));
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        predictor.shutdownNow();
    }

    /** The model's version as predictions name it: {@code <slug>_ner_v3} → {@code 3}; pretrained models → {@code pretrained}. */
    static String version(String model) {
        Matcher matcher = VERSION.matcher(model);
        return matcher.find() ? matcher.group(1) : "pretrained";
    }

    private interface Call<T> {
        T run() throws IOException, InterruptedException;
    }

    private <T> T withRetries(Call<T> call, int attempts) throws IOException, InterruptedException {
        long wait = config.retryBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (IOException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                Thread.sleep(wait);
                wait *= 2;
            }
        }
    }

    private static List<UUID> readIds(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<UUID>>() { });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
