package org.annotationlab.preannotation.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.annotationlab.events.deployment.DeploymentStarted.DeployedModel;
import org.annotationlab.preannotation.client.Clients;
import org.annotationlab.preannotation.config.PreannotationConfig;
import org.annotationlab.preannotation.project.ProjectState;
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

    PreannotationWorker(PreannotationConfig config, Clients clients, PreannotationRequests requests) {
        this.config = config;
        this.clients = clients;
        this.requests = requests;
    }

    @Scheduled(every = "${lab.preannotation.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "preannotation-worker")
    void tick() {
        try {
            for (PreannotationRun run : await(() -> Panache.withSession(() -> PreannotationRun.<PreannotationRun>list(
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
        while (true) {
            PreannotationRun now = await(() -> Panache.withSession(() -> PreannotationRun.<PreannotationRun>findById(run.id)));
            if (now.state != PreannotationRun.State.RUNNING) {
                return;
            }
            if (now.cancelRequested) {
                end(run.id, PreannotationRun.State.CANCELLED, "cancelled");
                return;
            }
            List<Object[]> batch = await(() -> Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                            "select seq, task_id, text from preannotation_task where run_id = :r and state = 'PENDING'"
                                    + " order by seq limit :n", Object[].class)
                    .setParameter("r", run.id).setParameter("n", config.batchSize()).getResultList())));
            if (batch.isEmpty()) {
                PreannotationRun.State state = now.failed == 0 ? PreannotationRun.State.SUCCEEDED
                        : now.done == 0 ? PreannotationRun.State.FAILED : PreannotationRun.State.PARTIAL;
                end(run.id, state, now.failed == 0 ? null : now.failed + " of " + now.total + " tasks failed");
                return;
            }
            handle(now, models, batch);
        }
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
        await(() -> Panache.withTransaction(() -> insert(run.id, chosen, unknown)
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

    /** One batch: predict (retried, then task by task), store per model, record each task's outcome. */
    private void handle(PreannotationRun run, List<DeployedModel> models, List<Object[]> batch) throws InterruptedException {
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
        await(() -> Panache.withTransaction(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (int i = 0; i < batch.size(); i++) {
                int seq = ((Number) batch.get(i)[0]).intValue();
                String error = errors.get(i);
                chain = chain.chain(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                                "update preannotation_task set state = :st, error = :e where run_id = :r and seq = :s")
                        .setParameter("st", error == null ? "DONE" : "FAILED").setParameter("e", error)
                        .setParameter("r", runId).setParameter("s", seq).executeUpdate())).replaceWithVoid();
            }
            return chain.chain(() -> PreannotationRun.locked(runId)).invoke(r -> {
                r.failed += errors.size();
                r.done += batch.size() - errors.size();
            });
        }));
    }

    private void end(UUID runId, PreannotationRun.State state, String message) {
        await(() -> Panache.withTransaction(() -> PreannotationRun.locked(runId).flatMap(r ->
                r.state != PreannotationRun.State.RUNNING ? Uni.createFrom().voidItem() : requests.finish(r, state, message))));
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

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
