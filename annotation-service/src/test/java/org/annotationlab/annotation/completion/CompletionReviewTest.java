package org.annotationlab.annotation.completion;

import static org.annotationlab.annotation.Lab.as;
import static org.annotationlab.annotation.Lab.assign;
import static org.annotationlab.annotation.Lab.importTasks;
import static org.annotationlab.annotation.Lab.project;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.testing.LabInfra;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LabInfra.class)
class CompletionReviewTest {

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
        as("anna").body(Map.of("status", "ACCEPTED")).post("/projects/" + project + "/completions/" + id + "/review")
                .then().statusCode(403);
        as("rita").body(Map.of("status", "REJECTED", "comment", "misses 'acute'"))
                .post("/projects/" + project + "/completions/" + id + "/review")
                .then().statusCode(200).body("reviewStatus", equalTo("REJECTED")).body("reviewer", equalTo("rita"));
        as("anna").body(spans(true, 0, 19)).put("/projects/" + project + "/completions/" + id)
                .then().statusCode(409).body("reason", equalTo("ALREADY_REVIEWED"));

        as("anna").get("/projects/" + project + "/completions/" + id + "/history").then().statusCode(200)
                .body("action", contains("CREATED", "UPDATED", "SUBMITTED", "REJECTED"))
                .body("actor", contains("anna", "anna", "anna", "rita"));
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
}
