package org.annotationlab.preannotation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.annotationlab.events.DirectPublisher;
import org.annotationlab.events.DomainEvent;
import org.annotationlab.events.deployment.DeploymentCompleted;
import org.annotationlab.events.deployment.DeploymentStarted;
import org.annotationlab.events.deployment.DeploymentStarted.DeployedModel;
import org.annotationlab.events.project.ActiveLearningConfigured;
import org.annotationlab.events.project.LabelingConfigChanged;
import org.annotationlab.events.project.MemberAdded;
import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.events.training.TrainingFailed;
import org.annotationlab.events.training.TrainingQueued;
import org.annotationlab.testing.LabInfra;
import org.annotationlab.testing.NlpRunnerProcess;
import org.annotationlab.testing.TestTokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Pre-annotation on real parts: annotation-service runs as a process (tasks in, predictions out),
 * training-service runs as a process (it holds the project's busy state), the model server is a
 * real {@code nlp-runner serve} with a tiny model; deploy-service is played by its events. Covers
 * the 409s (nothing deployed, a training in progress), Train Now and pre-annotation fired at once
 * (never both start), a full run, a re-run replacing instead of duplicating, an unknown task
 * reported while the rest complete (PARTIAL), a model server restored elsewhere while a run waits on it,
 * a run over the task list's filter, and the requests refused (422) for their selection.
 */
@QuarkusTest
@QuarkusTestResource(value = LabInfra.class, initArgs = {
        @ResourceArg(name = "services", value = "annotation-service,training-service"),
        // Trainings stay QUEUED (no slot): a queued training keeps the project busy until it is cancelled.
        @ResourceArg(name = "training-service:lab.training.max-concurrent", value = "0"),
        @ResourceArg(name = "oidc-client", value = "true")})
class PreannotationFlowTest {

    private static final Path STORE = Path.of("target", "model-store").toAbsolutePath();
    private static final String MODEL = "pa_ner_v3";

    private final List<NlpRunnerProcess> servers = new ArrayList<>();

    @Inject
    Pool database;

    @Test
    void preannotatesWithTheDeployedModelAndSurvivesAServerRestart() throws Exception {
        Path model = NlpRunnerProcess.tinyModel(STORE.resolve("tiny"));
        UUID project = UUID.randomUUID();
        publish("project-service", new LabelingConfigChanged(project, List.of(new LabelingConfigChanged.LabelBinding("Disease", MODEL)), "<View/>"),
                new MemberAdded(project, "olivia", ProjectRole.OWNER), new MemberAdded(project, "anna", ProjectRole.ANNOTATOR));
        await().atMost(Duration.ofSeconds(60)).until(() -> annotation("olivia").get("/projects/" + project + "/tasks").statusCode() == 200
                && as("anna").get("/projects/" + project + "/preannotations/context").statusCode() == 200);
        List<Map<String, Object>> texts = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            texts.add(Map.of("text", "Patient " + i + " has familial adenomatous polyposis and a colorectal cancer ."));
        }
        annotation("olivia").body(texts).post("/projects/" + project + "/tasks/import?format=json").then().statusCode(200);
        List<String> tasks = annotation("olivia").get("/projects/" + project + "/tasks?size=500").then().statusCode(200)
                .extract().jsonPath().getList("items.id");

        // Nothing deployed yet: a clear 409, and the popup says why.
        as("olivia").body("{}").post("/projects/" + project + "/preannotations").then().statusCode(409)
                .body("reason", equalTo("NOTHING_DEPLOYED"));
        as("olivia").get("/projects/" + project + "/preannotations/context").then().statusCode(200)
                .body("canRun", equalTo(false)).body("blockedBy.reason", equalTo("NOTHING_DEPLOYED"));

        Path log = STORE.resolve("server.log");
        NlpRunnerProcess server = deploy(project, model, log);
        as("olivia").get("/projects/" + project + "/preannotations/context").then()
                .body("lastDeployment.state", equalTo("READY")).body("lastDeployment.models[0].name", equalTo(MODEL))
                .body("lastDeployment.models[0].labels", equalTo(List.of("Disease")));

        // A training queued makes the project busy at once (training-service decides), until it ends.
        await().atMost(Duration.ofSeconds(30)).until(() -> training("olivia").get("/projects/" + project + "/trainings").statusCode() == 200);
        String queued = training("olivia").body("{}").post("/projects/" + project + "/trainings").then().statusCode(202)
                .extract().path("id");
        as("olivia").body("{}").post("/projects/" + project + "/preannotations").then().statusCode(409)
                .body("reason", equalTo("TRAINING_IN_PROGRESS"));
        cancelTraining(queued);
        as("anna").body("{}").post("/projects/" + project + "/preannotations").then().statusCode(403);

        // Every task: SUCCEEDED, each task with this model version's prediction; its progress
        // streamed as server-sent events, ending with the final state.
        String all = startWhenFree(project, Map.of(), "all-tasks");
        var runEvents = org.annotationlab.testing.ServerSentEvents.collect("http://localhost:" + io.restassured.RestAssured.port
                + "/preannotations/" + all + "/events", TestTokens.bearer("olivia"), Duration.ofMinutes(3));
        JsonPath done = awaitEnd(all);
        List<String> streamed = runEvents.get(30, TimeUnit.SECONDS);
        JsonPath lastEvent = JsonPath.from(streamed.get(streamed.size() - 1));
        assertEquals("SUCCEEDED", lastEvent.getString("state"));
        assertEquals(120, lastEvent.getInt("progress.done"));
        assertEquals("SUCCEEDED", done.getString("state"));
        assertEquals(List.of(120, 120, 0), List.of(done.getInt("progress.total"), done.getInt("progress.done"), done.getInt("progress.failed")));
        List<Map<String, Object>> stored = predictions(project, tasks.get(0));
        assertEquals(1, stored.size());
        assertEquals(Map.of(), taskRows(all), "a finished run keeps no task rows but its failures");
        assertEquals(MODEL, stored.get(0).get("model"));
        assertEquals("3", stored.get(0).get("modelVersion"));
        @SuppressWarnings("unchecked")
        Map<String, Object> uncertainty = (Map<String, Object>) stored.get(0).get("uncertainty");
        assertTrue(uncertainty != null && ((Number) uncertainty.get("mnlp")).doubleValue() >= 0
                && ((Number) uncertainty.get("entropy")).doubleValue() >= 0, "the model's uncertainty is stored: " + stored.get(0));
        // That start retried with its key, the run over: its first answer, not a second run.
        as("olivia").header("Idempotency-Key", "all-tasks").body(Map.of()).post("/projects/" + project + "/preannotations")
                .then().statusCode(202).header("Idempotent-Replayed", "true").body("id", equalTo(all))
                .body("state", equalTo("RUNNING"));

        // Again on some of them, plus a task that does not exist: replaced, not duplicated; PARTIAL.
        String missing = UUID.randomUUID().toString();
        List<String> some = new ArrayList<>(tasks.subList(0, 10));
        some.add(missing);
        JsonPath partial = awaitEnd(startWhenFree(project, Map.of("taskIds", some), "some-tasks"));
        assertEquals("PARTIAL", partial.getString("state"));
        assertEquals(List.of(11, 10, 1), List.of(partial.getInt("progress.total"), partial.getInt("progress.done"), partial.getInt("progress.failed")));
        assertEquals(Map.of("taskCount", 11), partial.getMap("selection"));
        assertEquals(missing, partial.getString("failures[0].taskId"));
        assertTrue(partial.getString("failures[0].error").contains("no such task"));
        assertEquals(Map.of("FAILED", 1L), taskRows(partial.getString("id")), "the failure list outlives the run");
        assertEquals(1, predictions(project, tasks.get(0)).size(), "a re-run replaces the model version's predictions");

        // The model server crashes while a run waits on it, and deploy-service restores it on another
        // port (a RESTORE deployment, READY at the new endpoint): the run follows it and completes.
        server.close();
        String restarted = startWhenFree(project, Map.of(), "after-restart");
        try (NlpRunnerProcess again = NlpRunnerProcess.serve(MODEL + "=" + model, 0, log)) {
            servers.add(again);
            assertTrue(again.port() != server.port());
            UUID restore = UUID.randomUUID();
            List<DeployedModel> models = List.of(new DeployedModel(MODEL, "3", List.of("Disease")));
            publish("deploy-service", new DeploymentStarted(project, restore, models, "deploy-service"),
                    new DeploymentCompleted(project, restore, models, again.url()));
            JsonPath survived = awaitEnd(restarted);
            assertEquals("SUCCEEDED", survived.getString("state"), survived.prettify());
            assertEquals(120, survived.getInt("progress.done"));
        }
        as("olivia").delete("/preannotations/" + restarted).then().statusCode(409).body("reason", equalTo("RUN_FINISHED"));
    }

    /**
     * "Pre-annotate all tasks matching the filter" of the task list: the run lists exactly the
     * tasks annotation-service's listing gives for that filter (tag, completion, assignee,
     * reviewer, predictions together), and shows the selection it was started with.
     */
    @Test
    void preannotatesOnlyTheTasksMatchingTheTaskListFilter() throws Exception {
        Path model = NlpRunnerProcess.tinyModel(STORE.resolve("tiny"));
        UUID project = UUID.randomUUID();
        publish("project-service", new LabelingConfigChanged(project, List.of(new LabelingConfigChanged.LabelBinding("Disease", MODEL)), "<View/>"),
                new MemberAdded(project, "olivia", ProjectRole.OWNER));
        await().atMost(Duration.ofSeconds(60)).until(() -> annotation("olivia").get("/projects/" + project + "/tasks").statusCode() == 200
                && as("olivia").get("/projects/" + project + "/preannotations/context").statusCode() == 200);
        List<Map<String, Object>> texts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            texts.add(Map.of("text", "Patient " + i + " has familial adenomatous polyposis ."));
        }
        annotation("olivia").body(texts).post("/projects/" + project + "/tasks/import?format=json&tag=batch").then().statusCode(200);
        annotation("olivia").body(texts.subList(0, 2)).post("/projects/" + project + "/tasks/import?format=json").then().statusCode(200);
        List<String> batch = annotation("olivia").get("/projects/" + project + "/tasks?tag=batch").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
        List<String> all = annotation("olivia").get("/projects/" + project + "/tasks").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
        String untagged = all.stream().filter(id -> !batch.contains(id)).findFirst().orElseThrow();
        // batch[0] and [1] assigned to anna, [2] to bob, all four reviewed by rita; batch[0] has a submitted completion.
        annotation("olivia").body(Map.of("taskIds", batch, "reviewer", "rita")).put("/projects/" + project + "/tasks/assignment")
                .then().statusCode(200);
        annotation("olivia").body(Map.of("taskIds", batch.subList(0, 2), "assignee", "anna")).put("/projects/" + project
                + "/tasks/assignment").then().statusCode(200);
        annotation("olivia").body(Map.of("taskIds", List.of(batch.get(2)), "assignee", "bob")).put("/projects/" + project
                + "/tasks/assignment").then().statusCode(200);
        annotation("olivia").body(Map.of("spans", List.of(), "submit", true)).post("/projects/" + project + "/tasks/"
                + batch.get(0) + "/completions").then().statusCode(201);
        deploy(project, model, STORE.resolve("server-filter.log"));

        Map<String, Object> filter = Map.of("tag", "batch", "completion", "none", "assignee", "anna", "reviewer", "rita",
                "predictions", "none");
        JsonPath run = awaitEnd(startWhenFree(project, filter, "filtered"));

        assertEquals("SUCCEEDED", run.getString("state"), run.prettify());
        assertEquals(List.of(1, 1, 0), List.of(run.getInt("progress.total"), run.getInt("progress.done"), run.getInt("progress.failed")));
        assertEquals(1, predictions(project, batch.get(1)).size(), "the one task that matches every condition");
        for (String other : List.of(batch.get(0), batch.get(2), batch.get(3), untagged)) {
            assertEquals(List.of(), predictions(project, other), "task " + other + " does not match the filter");
        }
        assertEquals(filter, run.getMap("selection"));
        as("olivia").get("/projects/" + project + "/preannotations").then().statusCode(200)
                .body("items[0].selection", equalTo(filter));
    }

    /** A filter is a selection of its own: not with chosen task ids; each value from its set. */
    @Test
    void refusesAFilterWithTaskIdsAndValuesOutsideTheirSets() {
        UUID project = UUID.randomUUID();
        publish("project-service", new MemberAdded(project, "olivia", ProjectRole.OWNER));
        await().atMost(Duration.ofSeconds(60)).until(() ->
                as("olivia").get("/projects/" + project + "/preannotations/context").statusCode() == 200);
        String task = UUID.randomUUID().toString();
        as("olivia").body(Map.of("taskIds", List.of(task), "completion", "none")).post("/projects/" + project + "/preannotations")
                .then().statusCode(422).body("reason", equalTo("VALIDATION_FAILED")).body("errors.field", equalTo(List.of("taskIds")));
        as("olivia").body(Map.of("taskIds", List.of(task), "predictions", "any")).post("/projects/" + project + "/preannotations")
                .then().statusCode(422).body("errors.field", equalTo(List.of("taskIds")));
        as("olivia").body(Map.of("completion", "finished")).post("/projects/" + project + "/preannotations")
                .then().statusCode(422).body("reason", equalTo("VALIDATION_FAILED")).body("errors.field", equalTo(List.of("completion")))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("awaiting-review"));
        as("olivia").body(Map.of("predictions", "some")).post("/projects/" + project + "/preannotations")
                .then().statusCode(422).body("errors.field", equalTo(List.of("predictions")));
        as("olivia").body(Map.of("assignee", "a".repeat(256))).post("/projects/" + project + "/preannotations")
                .then().statusCode(422).body("errors.field", equalTo(List.of("assignee")));
    }

    /**
     * DESIGN.md §9: Train Now and a pre-annotation of one project fired at the same moment or
     * Train Now up to 200 ms later, 50 times: at most one of them starts each time (a pre-annotation holds training-service's lease
     * until its PreannotationCompleted; Train Now is refused while it is held, and vice versa).
     */
    @Test
    void trainNowAndPreannotationFiredTogetherNeverBothStart() throws Exception {
        Path model = NlpRunnerProcess.tinyModel(STORE.resolve("tiny"));
        UUID project = UUID.randomUUID();
        publish("project-service", new LabelingConfigChanged(project, List.of(new LabelingConfigChanged.LabelBinding("Disease", MODEL)), "<View/>"),
                new MemberAdded(project, "olivia", ProjectRole.OWNER));
        await().atMost(Duration.ofSeconds(60)).until(() -> annotation("olivia").get("/projects/" + project + "/tasks").statusCode() == 200
                && as("olivia").get("/projects/" + project + "/preannotations/context").statusCode() == 200
                && training("olivia").get("/projects/" + project + "/trainings").statusCode() == 200);
        annotation("olivia").body(List.of(Map.of("text", "Familial adenomatous polyposis is inherited ."),
                Map.of("text", "Colorectal cancer runs in families ."))).post("/projects/" + project + "/tasks/import?format=json")
                .then().statusCode(200);
        deploy(project, model, STORE.resolve("server-race.log"));

        int rounds = 50;
        int bothStarted = 0;
        int trainingsStarted = 0;
        int preannotationsStarted = 0;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < rounds; round++) {
                CyclicBarrier together = new CyclicBarrier(2);
                // Train Now fired with the pre-annotation, or a little after it (while it is starting or
                // has just started), so that each side wins some rounds.
                long delayMillis = List.of(0, 20, 50, 100, 200).get(round % 5);
                Future<io.restassured.response.Response> train = pool.submit(() -> {
                    together.await();
                    Thread.sleep(delayMillis);
                    return training("olivia").body("{}").post("/projects/" + project + "/trainings");
                });
                Future<io.restassured.response.Response> preannotate = pool.submit(() -> {
                    together.await();
                    return as("olivia").body("{}").post("/projects/" + project + "/preannotations");
                });
                io.restassured.response.Response trained = train.get(60, TimeUnit.SECONDS);
                io.restassured.response.Response started = preannotate.get(60, TimeUnit.SECONDS);
                assertTrue(Set.of(202, 409).contains(trained.statusCode()), trained.asString());
                assertTrue(Set.of(202, 409).contains(started.statusCode()), started.asString());
                if (trained.statusCode() == 202 && started.statusCode() == 202) {
                    bothStarted++;
                }
                // Back to idle for the next round: the training cancelled, the run ended and its lease gone.
                if (trained.statusCode() == 202) {
                    trainingsStarted++;
                    cancelTraining(trained.jsonPath().getString("id"));
                }
                if (started.statusCode() == 202) {
                    preannotationsStarted++;
                    awaitEnd(started.jsonPath().getString("id"));
                }
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> training("olivia")
                        .get("/projects/" + project + "/trainings/status").jsonPath().getBoolean("enabled"));
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("Train Now and pre-annotation fired together %d times: trainings started %d, pre-annotations "
                + "started %d, both started %d%n", rounds, trainingsStarted, preannotationsStarted, bothStarted);
        assertEquals(0, bothStarted, "rounds in which a training and a pre-annotation both started");
        assertTrue(trainingsStarted + preannotationsStarted >= rounds, "each round one of them starts");
    }

    /**
     * With active learning on and the uncertainty task order, a deployment has the unannotated
     * tasks scored again in the background; Train Now is not refused by that run but makes it
     * yield (CANCELLED, saying why) before its next batch, and once the training has ended the
     * pool is scored again, to the end.
     */
    @Test
    void theBackgroundRescoringAfterADeploymentYieldsToTrainNowAndRunsAgainAfterIt() throws Exception {
        Path model = NlpRunnerProcess.tinyModel(STORE.resolve("tiny"));
        UUID project = UUID.randomUUID();
        publish("project-service", new LabelingConfigChanged(project, List.of(new LabelingConfigChanged.LabelBinding("Disease", MODEL)), "<View/>"),
                new MemberAdded(project, "olivia", ProjectRole.OWNER), new ActiveLearningConfigured(project, true, 100, false));
        await().atMost(Duration.ofSeconds(60)).until(() -> annotation("olivia").get("/projects/" + project + "/tasks").statusCode() == 200
                && as("olivia").get("/projects/" + project + "/preannotations/context").statusCode() == 200
                && training("olivia").get("/projects/" + project + "/trainings").statusCode() == 200);
        List<Map<String, Object>> texts = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            texts.add(Map.of("text", "Patient " + i + " has familial adenomatous polyposis ."));
        }
        annotation("olivia").body(texts).post("/projects/" + project + "/tasks/import?format=json").then().statusCode(200);
        annotation("olivia").body(Map.of("strategy", "uncertainty")).put("/projects/" + project + "/task-order").then().statusCode(200);

        deploy(project, model, STORE.resolve("server-rescore.log"));
        JsonPath rescoring = awaitRun(project, "RUNNING");
        assertTrue(rescoring.getBoolean("background"), rescoring.prettify());
        assertEquals("active-learning", rescoring.getString("requestedBy"));
        assertEquals(Map.of("completion", "none"), rescoring.getMap("selection"));

        String training = training("olivia").body("{}").post("/projects/" + project + "/trainings").then().statusCode(202)
                .extract().path("id");
        JsonPath yielded = awaitEnd(rescoring.getString("id"));
        assertEquals("CANCELLED", yielded.getString("state"));
        assertTrue(yielded.getString("message").startsWith("yielded to a training"), yielded.getString("message"));
        assertTrue(yielded.getInt("progress.done") < 3000, "it stopped before the end: " + yielded.getInt("progress.done"));

        cancelTraining(training);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> !rescoring.getString("id")
                .equals(latestRun(project).getString("id")));
        JsonPath again = awaitEnd(latestRun(project).getString("id"));
        assertEquals("SUCCEEDED", again.getString("state"), again.prettify());
        assertTrue(again.getBoolean("background"));
        assertEquals(3000, again.getInt("progress.done"));
        String first = annotation("olivia").get("/projects/" + project + "/tasks?sort=mnlp,desc&size=1").then().statusCode(200)
                .extract().path("items[0].id");
        assertEquals(first, annotation("olivia").get("/projects/" + project + "/tasks/next").then().statusCode(200)
                .extract().path("task.id"), "the next task is the most uncertain by the newest scores");
    }

    private static JsonPath latestRun(UUID project) {
        return as("olivia").get("/projects/" + project + "/preannotations?size=1").then().statusCode(200).extract().jsonPath()
                .setRootPath("items[0]");
    }

    private static JsonPath awaitRun(UUID project, String state) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            var items = as("olivia").get("/projects/" + project + "/preannotations?size=1").jsonPath().getList("items");
            return !items.isEmpty() && state.equals(latestRun(project).getString("state"));
        });
        return latestRun(project);
    }

    /**
     * A real model server for the project, announced as deploy-service announces a READY
     * deployment; returns once pre-annotation may run.
     */
    private NlpRunnerProcess deploy(UUID project, Path model, Path log) throws Exception {
        NlpRunnerProcess server = NlpRunnerProcess.serve(MODEL + "=" + model, 0, log);
        servers.add(server);
        UUID deployment = UUID.randomUUID();
        List<DeployedModel> models = List.of(new DeployedModel(MODEL, "3", List.of("Disease")));
        publish("deploy-service", new DeploymentStarted(project, deployment, models, "olivia"),
                new DeploymentCompleted(project, deployment, models, server.url()));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                as("olivia").get("/projects/" + project + "/preannotations/context").jsonPath().getBoolean("canRun"));
        return server;
    }

    private static void cancelTraining(String runId) {
        training("olivia").delete("/trainings/" + runId).then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(202), equalTo(409)));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> Set.of("CANCELLED", "FAILED",
                "SUCCEEDED").contains(training("olivia").get("/trainings/" + runId).jsonPath().getString("state")));
    }

    private static RequestSpecification training(String user) {
        return given().baseUri(ConfigProvider.getConfig().getValue("lab.test.training-service.url", String.class)).port(-1)
                .header("Authorization", TestTokens.bearer(user)).contentType(ContentType.JSON);
    }

    /** Model servers are child processes: a failed assertion must not leave one running. */
    @AfterEach
    void stopServers() {
        servers.forEach(NlpRunnerProcess::close);
    }

    /** Starts a run as soon as the project is free, retrying with one Idempotency-Key: a refusal stores nothing. */
    private static String startWhenFree(UUID project, Map<String, Object> body, String idempotencyKey) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            var response = as("olivia").header("Idempotency-Key", idempotencyKey).body(body)
                    .post("/projects/" + project + "/preannotations");
            if (response.statusCode() == 202) {
                id[0] = response.jsonPath().getString("id");
                return true;
            }
            return false;
        });
        return id[0];
    }

    private static JsonPath awaitEnd(String runId) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300)).until(() ->
                !"RUNNING".equals(as("olivia").get("/preannotations/" + runId).jsonPath().getString("state")));
        return as("olivia").get("/preannotations/" + runId).then().statusCode(200).extract().jsonPath();
    }

    /** The run's preannotation_task rows, counted by state. */
    private Map<String, Long> taskRows(String runId) {
        Map<String, Long> counts = new TreeMap<>();
        database.preparedQuery("select state, count(*) from preannotation_task where run_id = $1 group by state")
                .executeAndAwait(Tuple.of(UUID.fromString(runId)))
                .forEach(row -> counts.put(row.getString(0), row.getLong(1)));
        return counts;
    }

    private static List<Map<String, Object>> predictions(UUID project, String taskId) {
        return annotation("olivia").get("/projects/" + project + "/tasks/" + taskId + "/predictions").then().statusCode(200)
                .extract().jsonPath().getList("");
    }

    private static void publish(String source, DomainEvent... events) {
        DirectPublisher.publish(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class), source, 1, events);
    }

    private static RequestSpecification as(String user) {
        return given().header("Authorization", TestTokens.bearer(user)).contentType(ContentType.JSON);
    }

    private static RequestSpecification annotation(String user) {
        return given().baseUri(ConfigProvider.getConfig().getValue("lab.test.annotation-service.url", String.class)).port(-1)
                .header("Authorization", TestTokens.bearer(user)).contentType(ContentType.JSON);
    }
}
