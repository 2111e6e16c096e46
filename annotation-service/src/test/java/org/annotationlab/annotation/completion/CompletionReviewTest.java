package org.annotationlab.annotation.completion;

import static io.restassured.RestAssured.given;
import static org.annotationlab.annotation.Lab.as;
import static org.annotationlab.annotation.Lab.assign;
import static org.annotationlab.annotation.Lab.importTasks;
import static org.annotationlab.annotation.Lab.project;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.annotationlab.annotation.Lab;
import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.testing.LabInfra;
import org.annotationlab.testing.TestTokens;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LabInfra.class)
class CompletionReviewTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool database;

    @Inject
    SubmissionWriter submissions;

    private static Map<String, Object> spans(boolean submit, int start, int end) {
        return Map.of("spans", List.of(Map.of("start", start, "end", end, "label", "Disease")), "submit", submit);
    }

    @Test
    void annotatorsWorkOnlyOnAssignedTasksAndSeeOnlyTheirOwnCompletions() {
        UUID project = project("Disease");
        List<String> tasks = importTasks(project, "text", "renal failure\ngout\n");
        assign(project, List.of(tasks.get(0)), "anna", "rita");

        as("anna").get("/projects/" + project + "/tasks").then().body("total", equalTo(1));
        as("anna").body(spans(false, 0, 13)).post("/projects/" + project + "/tasks/" + tasks.get(1) + "/completions")
                .then().statusCode(403);
        as("anna").body(spans(false, 0, 13)).post("/projects/" + project + "/tasks/" + tasks.get(0) + "/completions")
                .then().statusCode(201).body("submitted", equalTo(false));
        as("olivia").body(spans(true, 0, 5)).post("/projects/" + project + "/tasks/" + tasks.get(0) + "/completions")
                .then().statusCode(201);

        as("anna").get("/projects/" + project + "/tasks/" + tasks.get(0) + "/completions").then()
                .body("author", contains("anna"));
        as("rita").get("/projects/" + project + "/tasks/" + tasks.get(0) + "/completions").then()
                .body("author", contains("anna", "olivia"));
    }

    /** A completion is checked by a second pair of eyes: nobody, Owner included, reviews their own. */
    @Test
    void nobodyReviewsTheirOwnCompletion() {
        UUID project = project("Disease");
        List<String> tasks = importTasks(project, "text", "gout\n");
        String mine = Lab.complete(project, "olivia", tasks.get(0), 0, 4, true);
        String review = "/projects/" + project + "/completions/" + mine + "/review";

        as("olivia").body(Map.of("status", "ACCEPTED")).post(review)
                .then().statusCode(403).body("reason", equalTo("OWN_COMPLETION"));
        as("max").body(Map.of("status", "ACCEPTED")).post(review).then().statusCode(200).body("reviewStatus", equalTo("ACCEPTED"));
    }

    /** Membership comes first: a non-member's request with a body gets the 404, whatever the body holds. */
    @Test
    void aNonMembersBodyIsNeverLookedAt() {
        UUID project = project("Disease");
        String task = importTasks(project, "text", "gout\n").get(0);
        as("eve").body("{\"spans\": \"not a list\"}").post("/projects/" + project + "/tasks/" + task + "/completions")
                .then().statusCode(404).body("reason", equalTo("NOT_FOUND"));
        as("eve").body("{\"spans\": [").post("/projects/" + project + "/tasks/" + task + "/completions")
                .then().statusCode(404).body("reason", equalTo("NOT_FOUND"));
    }

    @Test
    void draftIsUpdatedSubmittedAndReviewedWithItsHistoryKept() {
        UUID project = project("Disease");
        List<String> tasks = importTasks(project, "text", "acute renal failure\n");
        assign(project, tasks, "anna", "rita");
        String id = as("anna").body(spans(false, 0, 5)).post("/projects/" + project + "/tasks/" + tasks.get(0) + "/completions")
                .then().statusCode(201).extract().path("id");

        as("anna").body(spans(false, 6, 19)).put("/projects/" + project + "/completions/" + id).then().statusCode(200);
        as("rita").body(Map.of("status", "ACCEPTED")).post("/projects/" + project + "/completions/" + id + "/review")
                .then().statusCode(409).body("reason", equalTo("NOT_SUBMITTED"));
        as("anna").post("/projects/" + project + "/completions/" + id + "/submission").then().statusCode(200)
                .body("submitted", equalTo(true));
        assertEquals(1, Lab.annotationEvents(project, "TrainingSetChanged", 1).get(0).get("data")
                .get("selectedCount").asInt());
        as("anna").body(Map.of("status", "ACCEPTED")).post("/projects/" + project + "/completions/" + id + "/review")
                .then().statusCode(403);
        as("rita").body(Map.of("status", "REJECTED", "comment", "misses 'acute'"))
                .post("/projects/" + project + "/completions/" + id + "/review")
                .then().statusCode(200).body("reviewStatus", equalTo("REJECTED")).body("reviewer", equalTo("rita"))
                .body("reviewComment", equalTo("misses 'acute'")).body("reviewedAt", notNullValue());
        JsonNode reviewed = Lab.annotationEvents(project, "CompletionReviewed", 1).get(0).get("data");
        assertEquals(List.of(id, tasks.get(0), "rita", "REJECTED"), List.of(reviewed.get("completionId").asText(),
                reviewed.get("taskId").asText(), reviewed.get("reviewer").asText(), reviewed.get("status").asText()));
        // Rejecting its only completion empties the training set, and that change is published too.
        assertEquals(0, Lab.annotationEvents(project, "TrainingSetChanged", 2).get(1).get("data")
                .get("selectedCount").asInt());
        as("anna").body(spans(true, 0, 19)).put("/projects/" + project + "/completions/" + id)
                .then().statusCode(409).body("reason", equalTo("ALREADY_REVIEWED"));

        as("anna").get("/projects/" + project + "/completions/" + id + "/history").then().statusCode(200)
                .body("action", contains("CREATED", "UPDATED", "SUBMITTED", "REJECTED"))
                .body("actor", contains("anna", "anna", "anna", "rita"))
                .body("detail", contains("1 spans", "1 spans", null, "misses 'acute'"));
    }

    @Test
    void anAnnotatorCannotTouchTheirCompletionOnceTheTaskIsAssignedToSomeoneElse() {
        Map<String, ProjectRole> members = new LinkedHashMap<>();
        members.put("olivia", ProjectRole.OWNER);
        members.put("anna", ProjectRole.ANNOTATOR);
        members.put("ben", ProjectRole.ANNOTATOR);
        UUID project = Lab.project(members, "Disease");
        List<String> tasks = importTasks(project, "text", "gout\n");
        assign(project, tasks, "anna", "");
        String id = as("anna").body(spans(false, 0, 4)).post("/projects/" + project + "/tasks/" + tasks.get(0)
                + "/completions").then().statusCode(201).extract().path("id");
        String completion = "/projects/" + project + "/completions/" + id;

        assign(project, tasks, "ben", "");
        as("anna").body(spans(false, 0, 2)).put(completion).then().statusCode(403);
        as("anna").post(completion + "/submission").then().statusCode(403);
        as("anna").get(completion + "/history").then().statusCode(403);
        as("anna").get("/projects/" + project + "/tasks/" + tasks.get(0) + "/completions").then().statusCode(403);
        // The new assignee works on the task, but not on someone else's completion of it.
        as("ben").body(spans(false, 0, 2)).put(completion).then().statusCode(403)
                .body("detail", containsString("only its author"));
        as("ben").get(completion + "/history").then().statusCode(404);
        as("ben").get("/projects/" + project + "/tasks/" + tasks.get(0) + "/completions").then().body("$", hasSize(0));

        // Given back, the draft is anna's again, as she left it.
        assign(project, tasks, "anna", "");
        as("anna").post(completion + "/submission").then().statusCode(200).body("submitted", equalTo(true))
                .body("spans[0].end", equalTo(4));
    }

    @Test
    void reviewersReviewOnlyTasksAssignedToThemForReview() {
        UUID project = project("Disease");
        List<String> tasks = importTasks(project, "text", "gout\n");
        String id = as("olivia").body(spans(true, 0, 4))
                .post("/projects/" + project + "/tasks/" + tasks.get(0) + "/completions").then().extract().path("id");

        as("rita").body(Map.of("status", "ACCEPTED")).post("/projects/" + project + "/completions/" + id + "/review")
                .then().statusCode(403);
        assign(project, tasks, "anna", "rita");
        as("rita").body(Map.of("status", "ACCEPTED")).post("/projects/" + project + "/completions/" + id + "/review")
                .then().statusCode(200);
    }

    @Test
    void badSpansAreRefusedNamingEachSpan() {
        UUID project = project("Disease");
        List<String> tasks = importTasks(project, "text", "gout\n");

        as("olivia").body(Map.of("spans", List.of(Map.of("start", 0, "end", 40, "label", "Disease"),
                        Map.of("start", 0, "end", 4, "label", "Drug"))))
                .post("/projects/" + project + "/tasks/" + tasks.get(0) + "/completions")
                .then().statusCode(422).body("reason", equalTo("INVALID_SPANS"))
                .body("errors", hasSize(3))
                .body("errors.field", contains("spans[0]", "spans[1].label", "spans[1]"));
    }

    @Test
    void aCompletionSubmittedAtOnceIsStoredWholeWithItsHistoryAndItsEvent() {
        UUID project = project("Disease");
        List<String> tasks = importTasks(project, "text", "gout\n");
        UUID otherProject = project("Disease");
        List<String> otherTasks = importTasks(otherProject, "text", "renal failure\n");
        String completions = "/projects/" + project + "/tasks/" + tasks.get(0) + "/completions";

        String id = as("olivia").body(spans(true, 0, 4)).post(completions).then().statusCode(201)
                .body("submitted", equalTo(true)).body("submittedAt", notNullValue())
                .body("reviewStatus", equalTo("PENDING")).body("spans.label", contains("Disease"))
                .extract().path("id");
        as("olivia").get("/projects/" + project + "/completions/" + id + "/history").then().statusCode(200)
                .body("action", contains("CREATED", "SUBMITTED")).body("detail", contains("1 spans", null));
        JsonNode submitted = Lab.annotationEvents(project, "CompletionSubmitted", 1).get(0).get("data");
        assertEquals(id, submitted.get("completionId").asText());
        assertEquals(tasks.get(0), submitted.get("taskId").asText());
        assertEquals(1, submitted.get("spans").asInt());
        assertEquals(1, Lab.annotationEvents(project, "TrainingSetChanged", 1).get(0).get("data")
                .get("selectedCount").asInt());

        // A caller who is not a member does not learn the project exists; another project's task,
        // or none at all, is not found through this project.
        as("mallory").body(spans(true, 0, 4)).post(completions).then().statusCode(404)
                .body("detail", containsString("project " + project));
        given().header("Authorization", TestTokens.bearer("root", "admin")).contentType(ContentType.JSON)
                .body(spans(false, 0, 4)).post(completions).then().statusCode(201).body("author", equalTo("root"));
        as("olivia").body(spans(true, 0, 4)).post("/projects/" + project + "/tasks/" + otherTasks.get(0)
                + "/completions").then().statusCode(404);
        as("olivia").body(spans(true, 0, 4)).post("/projects/" + project + "/tasks/" + UUID.randomUUID()
                + "/completions").then().statusCode(404);
        // Refused writes leave nothing behind.
        as("olivia").body(spans(true, 0, 40)).post(completions).then().statusCode(422);
        UUID unlabelled = project();
        String bare = importTasks(unlabelled, "text", "gout\n").get(0);
        as("olivia").body(spans(true, 0, 4)).post("/projects/" + unlabelled + "/tasks/" + bare + "/completions")
                .then().statusCode(409).body("reason", equalTo("NO_LABELING_CONFIG"));
        as("olivia").get(completions).then().statusCode(200).body("author", contains("olivia", "root"))
                .body("id[0]", equalTo(id));
        as("olivia").get("/projects/" + unlabelled + "/tasks/" + bare + "/completions").then().body("$", hasSize(0));
        as("olivia").get("/projects/" + otherProject + "/tasks/" + otherTasks.get(0) + "/completions").then()
                .body("$", hasSize(0));
    }

    @Test
    void concurrentSubmitsShareStatementsAndEachKeepsItsOwnRowsAndEvent() throws Exception {
        int clients = 32;
        UUID project = project("Disease");
        List<String> tasks = importTasks(project, "text", "gout\n".repeat(clients));
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<String>> posts = new ArrayList<>();
        // Tests run one write slot (application.properties). A lock on the first task holds the
        // first submit's write in its foreign-key check, so the slot stays busy while the others come.
        SqlConnection holder = database.getConnection().await().atMost(WAIT);
        try {
            Transaction lock = holder.begin().await().atMost(WAIT);
            holder.preparedQuery("select id from task where id = $1 for update")
                    .execute(Tuple.of(UUID.fromString(tasks.get(0)))).await().atMost(WAIT);
            posts.add(pool.submit(() -> submitted(project, tasks.get(0))));
            Awaitility.await().atMost(WAIT).until(() -> database.query("select count(*) from pg_stat_activity"
                    + " where wait_event_type = 'Lock' and query like 'with s as (select * from unnest%'").execute()
                    .await().atMost(WAIT).iterator().next().getLong(0) == 1);
            for (String task : tasks.subList(1, clients)) {
                posts.add(pool.submit(() -> submitted(project, task)));
            }
            Awaitility.await().atMost(WAIT).until(() -> submissions.waitingSubmits() == clients - 1);
            lock.rollback().await().atMost(WAIT);
        } finally {
            holder.close().await().atMost(WAIT);
        }
        List<String> ids = new ArrayList<>();
        try {
            for (Future<String> post : posts) {
                ids.add(post.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        long transactions = database.preparedQuery("select count(distinct xmin::text) from completion where project_id = $1")
                .execute(Tuple.of(project)).await().atMost(WAIT).iterator().next().getLong(0);
        assertTrue(transactions < clients, clients + " submits took " + transactions + " transactions");
        for (String id : ids) {
            as("olivia").get("/projects/" + project + "/completions/" + id + "/history").then().statusCode(200)
                    .body("action", contains("CREATED", "SUBMITTED")).body("detail", contains("1 spans", null));
        }
        Set<String> announced = new HashSet<>();
        Lab.annotationEvents(project, "CompletionSubmitted", clients)
                .forEach(event -> announced.add(event.get("data").get("completionId").asText()));
        assertEquals(new HashSet<>(ids), announced);
        as("olivia").get("/projects/" + project + "/training-set/summary").then().statusCode(200)
                .body("selectedCompletions", equalTo(clients));
    }

    private static String submitted(UUID project, String task) {
        return as("olivia").body(spans(true, 0, 4)).post("/projects/" + project + "/tasks/" + task + "/completions")
                .then().statusCode(201).extract().path("id");
    }
}
