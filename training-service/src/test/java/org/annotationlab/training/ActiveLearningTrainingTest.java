package org.annotationlab.training;

import static org.annotationlab.training.TrainingLab.annotation;
import static org.annotationlab.training.TrainingLab.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.events.Topics;
import org.annotationlab.testing.Concurrently;
import org.annotationlab.testing.LabInfra;
import org.annotationlab.testing.ServerSentEvents;
import org.annotationlab.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * The whole training loop on real parts: annotation-service (a process) selects and exports the
 * training set, nlp-runner trains as a local process, events flow through the real broker.
 * Covers Train Now's checks, INSUFFICIENT_DATA before launch, active learning starting exactly
 * one run despite an annotation-service restart and a redelivered event, the busy rule (one run
 * when the project is free), progress, metrics, the log, TrainingSucceeded, and cancelling.
 */
@QuarkusTest
@QuarkusTestResource(value = LabInfra.class, initArgs = {
        @ResourceArg(name = "services", value = "annotation-service"),
        @ResourceArg(name = "oidc-client", value = "true")})
class ActiveLearningTrainingTest {

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool database;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void activeLearningTrainsOnceThenAgainWhenFree() throws Exception {
        UUID project = TrainingLab.project("ncbi-al", true, 25);
        List<TrainingLab.Sentence> sentences = TrainingLab.sentences(80);
        List<String> tasks = TrainingLab.importTasks(project, sentences);
        submit(project, tasks, sentences, 0, 5);
        awaitSelected(project, 5);

        // Train Now: who may, which values, and too little data (refused before any launch). The
        // status agrees with the command: enabled (Train Now accepts), with the data warning.
        as("olivia").get("/projects/" + project + "/trainings/status").then().statusCode(200)
                .body("enabled", equalTo(true)).body("blockedBy", org.hamcrest.Matchers.nullValue())
                .body("warning.reason", equalTo("INSUFFICIENT_DATA"));
        as("anna").get("/projects/" + project + "/trainings/status").then().statusCode(200)
                .body("enabled", equalTo(false)).body("blockedBy.reason", equalTo("FORBIDDEN"));
        as("anna").body("{}").post("/projects/" + project + "/trainings").then().statusCode(403);
        as("olivia").body(Map.of("epochs", 0, "dropout", 1.0)).post("/projects/" + project + "/trainings").then()
                .statusCode(422).body("errors.field", org.hamcrest.Matchers.hasItems("epochs", "dropout"));
        as("olivia").body(Map.of("epoch", 3)).post("/projects/" + project + "/trainings").then()
                .statusCode(400).body("reason", equalTo("UNKNOWN_FIELD")).body("errors[0].field", equalTo("epoch"));
        as("olivia").body(Map.of("epochs", "3")).post("/projects/" + project + "/trainings").then()
                .statusCode(400).body("reason", equalTo("MALFORMED_JSON")).body("errors[0].field", equalTo("epochs"));
        // Train Now sent 5 times at once with one Idempotency-Key (a client retrying): one run, and each
        // client gets its 202 rather than a 409 for the run its twin queued.
        List<io.restassured.response.Response> answers = Concurrently.results(5, () -> as("olivia")
                .header("Idempotency-Key", "train-now-1").body(Map.of("validationSplit", 0.25))
                .post("/projects/" + project + "/trainings"));
        String manual = answers.get(0).then().statusCode(202).body("state", equalTo("QUEUED"))
                .body("trigger", equalTo("MANUAL")).body("parameters.validationSplit", equalTo(0.25f))
                .body("parameters.epochs", equalTo(1)).extract().path("id");
        answers.forEach(a -> a.then().statusCode(202).body("id", equalTo(manual))
                .header("Location", containsString("/trainings/" + manual)));
        assertEquals(1, runs(project).size(), "one run queued");
        JsonPath failed = awaitRun(manual, "FAILED", Duration.ofSeconds(30));
        assertEquals("INSUFFICIENT_DATA", failed.getString("reason"));
        assertEquals("the training set has 5 sentences; at least 20 are needed", failed.getString("message"));
        assertEquals(5, failed.getInt("dataset.size"));
        as("olivia").get("/trainings/" + manual + "/logs").then().statusCode(404).body("reason", equalTo("NO_LOG"));

        // An instance of training-service killed while it prepared a run leaves it RUNNING/PREPARING
        // with a lease nobody renews: taken over once the lease runs out (6 s), prepared again — here
        // refused for the same 5 completions — and a run whose preparation already killed the
        // service three times fails with that reason. No second run appears.
        String orphan = leftPreparing(manual, 1);
        JsonPath resumed = awaitRun(orphan, "FAILED", Duration.ofSeconds(20));
        assertEquals("INSUFFICIENT_DATA", resumed.getString("reason"));
        assertEquals(5, resumed.getInt("dataset.size"));
        String hopeless = leftPreparing(manual, 3);
        JsonPath gaveUp = awaitRun(hopeless, "FAILED", Duration.ofSeconds(20));
        assertEquals("JOB_FAILED", gaveUp.getString("reason"));
        assertTrue(gaveUp.getString("message").contains("stopped 3 times while preparing"), gaveUp.getString("message"));
        assertEquals(3, runs(project).size());

        // 25 more than the last run's dataset (5), with annotation-service restarted half-way.
        submit(project, tasks, sentences, 5, 15);
        LabInfra.restart("annotation-service");
        submit(project, tasks, sentences, 15, 35);
        JsonPath auto = awaitActive(project, Duration.ofSeconds(30));
        assertEquals("ACTIVE_LEARNING", auto.getString("trigger"));
        String autoId = auto.getString("id");
        // Its progress without polling: server-sent events from now until it ends.
        var runEvents = ServerSentEvents.collect("http://localhost:" + io.restassured.RestAssured.port + "/trainings/" + autoId
                + "/events", TestTokens.bearer("olivia"), Duration.ofMinutes(7));
        // The run's dataset is what annotation-service exported when it started; wait for it, so
        // the growth below happens during the run and not before its export (which would count it).
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                as("olivia").get("/trainings/" + autoId).jsonPath().get("dataset.size") != null);

        // A redelivered TrainingSetChanged is not counted twice.
        List<String> changes = TrainingLab.records(Topics.ANNOTATIONS, project, "TrainingSetChanged", 1, Duration.ofSeconds(30));
        String largest = changes.stream().max(Comparator.comparingInt(TrainingLab::selectedCount)).orElseThrow();
        TrainingLab.redeliver(Topics.ANNOTATIONS, project, largest, "lab.annotations.TrainingSetChanged");

        // Busy: Train Now is refused, and growth during the run waits for it to finish.
        as("olivia").body("{}").post("/projects/" + project + "/trainings").then().statusCode(409)
                .body("reason", equalTo("TRAINING_IN_PROGRESS"));
        // The earlier Train Now retried with its key is answered as it was, even while another run goes.
        as("olivia").header("Idempotency-Key", "train-now-1").body(Map.of("validationSplit", 0.25))
                .post("/projects/" + project + "/trainings").then().statusCode(202)
                .header("Idempotent-Replayed", "true").body("id", equalTo(manual)).body("state", equalTo("QUEUED"));
        as("olivia").get("/projects/" + project + "/trainings/status").then().statusCode(200)
                .body("enabled", equalTo(false)).body("blockedBy.reason", equalTo("TRAINING_IN_PROGRESS"))
                .body("activeRun.id", equalTo(autoId));
        JsonPath statusEvent = JsonPath.from(ServerSentEvents.collect("http://localhost:" + io.restassured.RestAssured.port
                + "/projects/" + project + "/trainings/status/events", TestTokens.bearer("olivia"), 1, Duration.ofSeconds(30))
                .get(30, java.util.concurrent.TimeUnit.SECONDS).get(0));
        assertEquals("TRAINING_IN_PROGRESS", statusEvent.getString("blockedBy.reason"), "the status as an event stream");
        submit(project, tasks, sentences, 35, 70);
        awaitSelected(project, 70);
        assertEquals(4, runs(project).size(), "no second run while the first one trains (3 failed before it)");

        JsonPath done = awaitRun(autoId, "SUCCEEDED", Duration.ofMinutes(6));
        List<JsonPath> streamed = runEvents.get(30, java.util.concurrent.TimeUnit.SECONDS).stream().map(JsonPath::from).toList();
        assertTrue(streamed.size() >= 2, "the run's changes were streamed: " + streamed.size());
        assertEquals("SUCCEEDED", streamed.get(streamed.size() - 1).getString("state"), "the stream ends with the final state");
        assertTrue(streamed.stream().anyMatch(e -> "RUNNING".equals(e.getString("state"))), "an event while it ran");
        for (int i = 1; i < streamed.size(); i++) {
            assertFalse(streamed.get(i).prettify().equals(streamed.get(i - 1).prettify()), "only changes are sent");
        }
        assertEquals("ncbi-al_ner_v1", done.getString("model.name"));
        assertEquals(List.of("Disease"), done.getList("model.labels"));
        assertEquals(1, done.getInt("progress.epoch"));
        assertEquals(1, done.getInt("progress.epochs"));
        assertTrue(done.getDouble("progress.loss") > 0);
        int dataset = done.getInt("dataset.size");
        assertTrue(dataset >= 30 && dataset <= 35, "dataset " + dataset);
        assertTrue(done.getDouble("metrics.micro.f1") >= 0);
        as("rita").get("/trainings/" + autoId + "/logs").then().statusCode(200)
                .body(containsString("Disease")).body(containsString("micro avg")).body(containsString("Saved model"));
        as("anna").get("/trainings/" + autoId).then().statusCode(403);

        JsonNode succeeded = JSON.readTree(TrainingLab.records(Topics.TRAININGS, project, "TrainingSucceeded", 1,
                Duration.ofSeconds(30)).get(0)).get("data");
        assertEquals("ncbi-al_ner_v1", succeeded.get("modelName").asText());
        assertEquals(autoId, succeeded.get("runId").asText());
        assertFalse(succeeded.get("deploy").asBoolean());
        assertEquals(dataset, succeeded.get("datasetSize").asInt());
        TrainingLab.records(Topics.TRAININGS, project, "TrainingProgressed", 1, Duration.ofSeconds(10));

        // Free again: the growth during the run starts exactly one more run, which is cancelled.
        JsonPath next = awaitActive(project, Duration.ofSeconds(30));
        String nextId = next.getString("id");
        assertEquals("ACTIVE_LEARNING", next.getString("trigger"));
        awaitRun(nextId, "RUNNING", Duration.ofSeconds(30));
        as("anna").delete("/trainings/" + nextId).then().statusCode(403);
        as("olivia").delete("/trainings/" + nextId).then().statusCode(202);
        JsonPath cancelled = awaitRun(nextId, "CANCELLED", Duration.ofSeconds(60));
        assertEquals("olivia", cancelled.getString("cancelledBy"));
        await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.allProcesses()
                .noneMatch(p -> p.info().commandLine().orElse("").contains(nextId)));
        as("olivia").delete("/trainings/" + nextId).then().statusCode(409).body("reason", equalTo("RUN_FINISHED"));

        List<Map<String, Object>> all = runs(project);
        assertEquals(5, all.size(), all.toString());
        assertEquals(2, all.stream().filter(r -> "ACTIVE_LEARNING".equals(r.get("trigger"))).count());
    }

    private static void submit(UUID project, List<String> tasks, List<TrainingLab.Sentence> sentences, int from, int to) {
        for (int i = from; i < to; i++) {
            TrainingLab.submit(project, tasks.get(i), sentences.get(i));
        }
    }

    private static void awaitSelected(UUID project, int count) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                as("olivia").get("/projects/" + project + "/trainings/status").jsonPath().getInt("selectedCount") == count);
    }

    /**
     * A copy of {@code like} as a run that a killed instance was preparing ({@code preparations}
     * times so far): RUNNING, PREPARING, no workload, its preparer last seen a minute ago.
     */
    private String leftPreparing(String like, int preparations) {
        UUID id = UUID.randomUUID();
        database.preparedQuery("""
                insert into training_run (id, project_id, number, state, phase, trigger, requested_by, deploy, parameters,
                    tags, selected_count, run_dir, created_at, started_at, preparer, preparer_seen_at, preparations)
                select $1, project_id, (select max(number) + 1 from training_run t where t.project_id = r.project_id),
                    'RUNNING', 'PREPARING', trigger, requested_by, deploy, parameters, tags, selected_count, null,
                    now() - interval '1 minute', now() - interval '1 minute', $2, now() - interval '1 minute', $3
                from training_run r where id = $4""")
                .executeAndAwait(io.vertx.mutiny.sqlclient.Tuple.of(id, UUID.randomUUID(), preparations, UUID.fromString(like)));
        return id.toString();
    }

    /**
     * A background pre-annotation's lease yields (issue 23 §4): Train Now is not refused by it but
     * revokes it, and the queued training starts only once the lease is released (the run has
     * stopped), so the two still never run together. An ordinary lease still refuses Train Now.
     */
    @Test
    void aYieldingPreannotationLeaseIsRevokedByTrainNowWhichStartsOnlyOnceTheRunHasStopped() {
        UUID project = TrainingLab.project("ncbi-yield", false, 100);
        TrainingLab.importTasks(project, TrainingLab.sentences(3));
        String ordinary = "/projects/" + project + "/preannotation-leases/" + UUID.randomUUID();
        String background = "/projects/" + project + "/preannotation-leases/" + UUID.randomUUID();
        await().atMost(Duration.ofSeconds(30)).until(() -> services().put(ordinary).statusCode() == 204);
        as("olivia").body("{}").post("/projects/" + project + "/trainings").then().statusCode(409)
                .body("reason", equalTo("PREANNOTATION_IN_PROGRESS"));
        services().delete(ordinary).then().statusCode(204);
        as("anna").put(background + "?yields=true").then().statusCode(403);

        services().put(background + "?yields=true").then().statusCode(204);
        services().get(background).then().statusCode(200).body("revoked", equalTo(false));
        as("olivia").get("/projects/" + project + "/trainings/status").then().body("enabled", equalTo(true));
        String run = as("olivia").body("{}").post("/projects/" + project + "/trainings").then().statusCode(202)
                .body("state", equalTo("QUEUED")).extract().path("id");
        services().get(background).then().body("revoked", equalTo(true));
        services().put("/projects/" + project + "/preannotation-leases/" + UUID.randomUUID() + "?yields=true").then()
                .statusCode(409).body("reason", equalTo("TRAINING_IN_PROGRESS"));
        // The run is stopping: the training waits, queued, however many scheduler ticks pass.
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() ->
                "QUEUED".equals(as("olivia").get("/trainings/" + run).jsonPath().getString("state")));

        services().delete(background).then().statusCode(204);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                !"QUEUED".equals(as("olivia").get("/trainings/" + run).jsonPath().getString("state")));
        awaitRun(run, "FAILED", Duration.ofSeconds(30)); // 3 sentences: INSUFFICIENT_DATA, once it started
    }

    /** A platform service's call (the realm role admin), as preannotation-service makes it. */
    private static io.restassured.specification.RequestSpecification services() {
        return io.restassured.RestAssured.given().header("Authorization", TestTokens.bearer("preannotation-service", "admin"))
                .contentType(io.restassured.http.ContentType.JSON);
    }

    private static JsonPath awaitRun(String runId, String state, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(250)).until(() -> {
            String now = as("olivia").get("/trainings/" + runId).jsonPath().getString("state");
            if (!state.equals(now) && List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(now)) {
                throw new AssertionError("run " + runId + " ended " + now + " instead of " + state + ": "
                        + as("olivia").get("/trainings/" + runId).asString());
            }
            return state.equals(now);
        });
        return as("olivia").get("/trainings/" + runId).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath awaitActive(UUID project, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(200)).until(() ->
                as("olivia").get("/projects/" + project + "/trainings/status").jsonPath().get("activeRun") != null);
        return new JsonPath(as("olivia").get("/projects/" + project + "/trainings/status").asString()).setRootPath("activeRun");
    }

    private static List<Map<String, Object>> runs(UUID project) {
        return as("olivia").get("/projects/" + project + "/trainings").then().statusCode(200).extract().jsonPath().getList("items");
    }
}
