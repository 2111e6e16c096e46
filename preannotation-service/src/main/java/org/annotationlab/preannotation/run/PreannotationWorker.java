package org.annotationlab.preannotation.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.annotationlab.events.deployment.DeploymentStarted.DeployedModel;
import org.annotationlab.preannotation.client.Clients;
import org.annotationlab.preannotation.config.PreannotationConfig;
import org.annotationlab.preannotation.project.ProjectState;
import org.annotationlab.web.Blocking;
import org.jboss.logging.Logger;

/**
 * Carries RUNNING runs to their end on its worker thread, woken when a run is created and every
 * poll interval (runs left by a restart): resolves the tasks, then sends their
 * texts to the model server in batches and writes the predictions to annotation-service, one
 * write per model (its version named, so a re-run replaces that version's predictions). Each
 * call goes to the project's serving endpoint as it is then: deploy-service restores a crashed
 * server, possibly at another address, and the run follows it, waiting (up to
 * {@code lab.preannotation.server-wait}) while no server answers. A batch the server answers
 * with errors is retried with doubling waits, then its tasks one by one: a task that still fails
 * is reported with its error and the rest go on. Progress is committed per batch, so a restarted
 * service resumes where it stopped.
 */
@ApplicationScoped
public class PreannotationWorker {

    private static final Logger LOG = Logger.getLogger(PreannotationWorker.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The longest pause between two calls to a model server that does not answer. */
    private static final java.time.Duration MAX_PAUSE = java.time.Duration.ofSeconds(5);
    /** Batches of pending tasks read per query. */
    private static final int READ_AHEAD_BATCHES = 10;

    private final PreannotationConfig config;
    private final Clients clients;
    private final PreannotationRequests requests;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "preannotation-worker"));
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final ExecutorService predictor = Executors.newSingleThreadExecutor(r -> new Thread(r, "preannotation-predictor"));
    /**
     * Runs that already waited {@code server-wait} for a model server in vain: their next calls do
     * not wait again (their remaining tasks fail quickly) until a call succeeds.
     */
    private final java.util.Set<UUID> waitedInVain = java.util.concurrent.ConcurrentHashMap.newKeySet();

    PreannotationWorker(PreannotationConfig config, Clients clients, PreannotationRequests requests) {
        if (config.batchSize() < 1 || config.writeBatchSize() < 1) {
            throw new IllegalArgumentException("lab.preannotation.batch-size and .write-batch-size must be at least 1, not "
                    + config.batchSize() + " and " + config.writeBatchSize());
        }
        this.config = config;
        this.clients = clients;
        this.requests = requests;
    }

    /** The schedule only wakes the worker: a run created since is picked up by then at the latest. */
    @Scheduled(every = "${lab.preannotation.poll-interval:1s}", delayed = "1s", identity = "preannotation-worker")
    void scheduled() {
        wake();
    }

    /**
     * Has the worker thread look for RUNNING runs now (the request that created one calls this after
     * its commit, so a run does not wait for the schedule). At most one look is queued at a time, and
     * only the worker thread processes runs.
     */
    public void wake() {
        if (wakeQueued.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    wakeQueued.set(false);
                    tick();
                });
            } catch (RejectedExecutionException e) {
                wakeQueued.set(false); // shutting down
            }
        }
    }

    private void tick() {
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
        List<DeployedModel> models = ProjectState.models(run.models);
        PendingTasks pending = new PendingTasks(run.id);
        // The next batch is predicted while the current one is stored: the model server (CPU) and
        // annotation-service (database) work at the same time. Each stored batch is recorded in one
        // transaction, which also reads the run's state (a cancel, counts).
        List<Object[]> batch;
        Future<Predicted> prediction = null;
        Selection selection = null;
        if (run.selected) {
            batch = pending.next();
        } else {
            // A run over a tag or the whole project covers the tasks in listing order: its first
            // batch goes to the model server as soon as the first page is listed.
            List<Object[]> first = new ArrayList<>();
            List<Future<Predicted>> early = new ArrayList<>(1);
            try {
                selection = select(run, listed -> {
                    if (run.taskIds == null && early.isEmpty() && !listed.isEmpty()) {
                        first.addAll(firstBatch(listed));
                        early.add(predictor.submit(predictTask(run, models, first)));
                    }
                });
            } finally {
                if (selection == null) { // the listing failed: the run has ended or is retried
                    early.forEach(f -> f.cancel(true));
                }
            }
            if (selection == null) {
                return;
            }
            batch = early.isEmpty() ? firstBatch(selection.chosen()) : first;
            prediction = early.isEmpty() ? null : early.get(0);
        }
        if (prediction == null && !batch.isEmpty()) {
            prediction = predictor.submit(predictTask(run, models, batch));
        }
        PreannotationRun now = run;
        if (selection != null) {
            // The first batch is predicted while the run's task rows are written.
            try {
                now = write(run.id, selection);
            } catch (RuntimeException e) {
                if (prediction != null) {
                    prediction.cancel(true);
                }
                throw e;
            }
            pending.skip(batch.size() - 1);
        }
        while (true) {
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
            List<Object[]> next = pending.next();
            Future<Predicted> nextPrediction = next.isEmpty() ? null : predictor.submit(predictTask(now, models, next));
            now = store(now, models, batch, predicted);
            batch = next;
            prediction = nextPrediction;
        }
    }

    /** The run's PENDING tasks in order, read ahead several batches per query. */
    private final class PendingTasks {
        private final UUID runId;
        private final ArrayDeque<Object[]> ahead = new ArrayDeque<>();
        private int lastRead = -1;
        private boolean exhausted;

        PendingTasks(UUID runId) {
            this.runId = runId;
        }

        /** Starts reading after this sequence number (the rows already in hand). */
        void skip(int seq) {
            lastRead = seq;
        }

        /** The next batch of rows {seq, task_id, text}; empty when none is left. */
        List<Object[]> next() {
            if (ahead.size() < config.writeBatchSize() && !exhausted) {
                int limit = config.writeBatchSize() * READ_AHEAD_BATCHES;
                List<Object[]> rows = Blocking.await(() -> Panache.withSession(() -> Panache.getSession().flatMap(s -> s
                        .createNativeQuery("select seq, task_id, text from preannotation_task where run_id = :r"
                                + " and state = 'PENDING' and seq > :after order by seq limit :n", Object[].class)
                        .setParameter("r", runId).setParameter("after", lastRead).setParameter("n", limit)
                        .getResultList())));
                ahead.addAll(rows);
                exhausted = rows.size() < limit;
                if (!rows.isEmpty()) {
                    lastRead = ((Number) rows.get(rows.size() - 1)[0]).intValue();
                }
            }
            List<Object[]> batch = new ArrayList<>(config.writeBatchSize());
            while (batch.size() < config.writeBatchSize() && !ahead.isEmpty()) {
                batch.add(ahead.poll());
            }
            return batch;
        }
    }

    /** The first write batch of a run's tasks in listing order, as task rows {seq, task_id, text}. */
    private List<Object[]> firstBatch(List<Clients.Task> tasks) {
        int size = Math.min(config.writeBatchSize(), Math.min(tasks.size(), config.maxTasks()));
        List<Object[]> rows = new ArrayList<>(size);
        for (int seq = 0; seq < size; seq++) {
            rows.add(new Object[] {seq, tasks.get(seq).id(), tasks.get(seq).text()});
        }
        return rows;
    }

    /**
     * Resolves the run's tasks; null when annotation-service cannot be read (the run fails).
     * {@code listed} sees the project's tasks listed so far, page by page.
     */
    private Selection select(PreannotationRun run, Consumer<List<Clients.Task>> listed)
            throws InterruptedException {
        List<Clients.Task> tasks;
        try {
            tasks = clients.tasks(run.projectId, run.tag, config.maxTasks(), listed);
        } catch (IOException e) {
            end(run.id, PreannotationRun.State.FAILED, "cannot list the project's tasks: " + e.getMessage());
            return null;
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
        return new Selection(chosen, unknown);
    }

    /** The tasks a run covers: those found, in order, and the asked-for ids that are not (with why). */
    private record Selection(List<Clients.Task> chosen, Map<UUID, String> unknown) {
    }

    /** Writes the selection as the run's task rows (the unknown ones FAILED); the run as it is then. */
    private static PreannotationRun write(UUID runId, Selection selection) {
        return Blocking.await(() -> Panache.withTransaction(() -> insert(runId, selection.chosen(), selection.unknown())
                .chain(() -> PreannotationRun.locked(runId)).invoke(r -> {
                    r.selected = true;
                    r.total = selection.chosen().size() + selection.unknown().size();
                    r.failed = selection.unknown().size();
                })));
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

    /**
     * Predicts a write batch in calls of batch-size texts, one after the other. A call is retried
     * with doubling waits, then its texts are sent one by one; a task that still fails is reported.
     */
    private Predicted predict(PreannotationRun run, List<DeployedModel> models, List<Object[]> batch) throws InterruptedException {
        List<String> texts = batch.stream().map(row -> (String) row[2]).toList();
        List<String> names = models.stream().map(DeployedModel::name).toList();
        Map<Integer, JsonNode> predicted = new LinkedHashMap<>();
        Map<Integer, String> errors = new LinkedHashMap<>();
        for (int from = 0; from < texts.size(); from += config.batchSize()) {
            int to = Math.min(texts.size(), from + config.batchSize());
            List<String> call = texts.subList(from, to);
            try {
                JsonNode results = predictAtServingEndpoint(run, call, names);
                for (int i = from; i < to; i++) {
                    predicted.put(i, results.get(i - from));
                }
            } catch (IOException callFailure) {
                LOG.warnf("pre-annotation %s: a batch of %d failed (%s); trying its tasks one by one", run.id,
                        call.size(), callFailure.getMessage());
                for (int i = from; i < to; i++) {
                    try {
                        predicted.put(i, clients.predict(servingEndpoint(run), List.of(texts.get(i)), names).get(0));
                    } catch (IOException e) {
                        errors.put(i, "the model server failed on this task: " + e.getMessage());
                    }
                }
            }
        }
        return new Predicted(predicted, errors);
    }

    /**
     * One predict call, sent to the project's serving endpoint as it is at each attempt. While
     * no server answers ({@link Clients.Unavailable}: crashed, being restored, loading), the call
     * waits for one with doubling pauses of at most {@link #MAX_PAUSE}, up to
     * {@code server-wait} in all, once per run; a server that answers with an error gets
     * {@code batch-attempts}.
     */
    private JsonNode predictAtServingEndpoint(PreannotationRun run, List<String> texts, List<String> names)
            throws IOException, InterruptedException {
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
                JsonNode results = clients.predict(endpoint, texts, names);
                waitedInVain.remove(run.id);
                return results;
            } catch (Clients.Unavailable e) {
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

    /** Writes a predicted batch, one write per model, and records each task's outcome; the run as it is now. */
    private PreannotationRun store(PreannotationRun run, List<DeployedModel> models, List<Object[]> batch, Predicted outcome)
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
            Map<String, Object> write = Map.of("model", model.name(), "modelVersion", model.version(), "predictions", predictions);
            try {
                withRetries(() -> {
                    clients.store(run.projectId, write);
                    return null;
                }, 3);
            } catch (IOException e) {
                covered.forEach(i -> errors.put(i, "storing the predictions of " + model.name() + " failed: " + e.getMessage()));
            }
        }
        return record(run.id, batch, errors);
    }

    private PreannotationRun record(UUID runId, List<Object[]> batch, Map<Integer, String> errors) {
        List<Integer> done = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (!errors.containsKey(i)) {
                done.add(((Number) batch.get(i)[0]).intValue());
            }
        }
        return Blocking.await(() -> Panache.withTransaction(() -> {
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
        waitedInVain.remove(runId);
        Blocking.await(() -> Panache.withTransaction(() -> PreannotationRun.locked(runId).flatMap(r ->
                r.state != PreannotationRun.State.RUNNING ? Uni.createFrom().voidItem() : requests.finish(r, state, message))));
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        worker.shutdownNow();
        predictor.shutdownNow();
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
