package org.annotationlab.annotation.task;

import static org.annotationlab.annotation.Lab.as;
import static org.annotationlab.annotation.Lab.assign;
import static org.annotationlab.annotation.Lab.complete;
import static org.annotationlab.annotation.Lab.importTasks;
import static org.annotationlab.annotation.Lab.project;
import static org.annotationlab.annotation.Lab.review;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.testing.LabInfra;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LabInfra.class)
class TaskListingTest {

    @Test
    void tasksAreFilteredByTagStateAssigneeAndReviewerPagedAndCounted() {
        UUID project = project("Disease");
        List<String> t = importTasks(project, "text", "t0\nt1\nt2\nt3\nt4\n");
        String tasks = "/projects/" + project + "/tasks";
        as("olivia").body(Map.of("taskIds", t.subList(0, 3), "add", List.of("batch1", "hard"))).post(tasks + "/tags")
                .then().statusCode(200).body("tasks", equalTo(3));
        as("olivia").body(Map.of("taskIds", List.of(t.get(1)), "remove", List.of("hard"))).post(tasks + "/tags")
                .then().statusCode(200);
        assign(project, t.subList(0, 2), "anna", "rita");
        // t0: a draft; t1: submitted, then rejected; t2: submitted, then accepted; t3: submitted; t4: nothing.
        complete(project, "anna", t.get(0), 0, 2, false);
        review(project, "rita", complete(project, "anna", t.get(1), 0, 2, true), "REJECTED");
        review(project, "max", complete(project, "olivia", t.get(2), 0, 2, true), "ACCEPTED");
        complete(project, "olivia", t.get(3), 0, 2, true);

        Map<String, List<String>> expected = Map.of(
                "tag=hard", List.of(t.get(0), t.get(2)),
                "tag=batch1", t.subList(0, 3),
                "completion=none", List.of(t.get(4)),
                "completion=any", t.subList(0, 4),
                "completion=draft", List.of(t.get(0)),
                "completion=submitted", t.subList(1, 4),
                "completion=accepted", List.of(t.get(2)),
                "completion=rejected", List.of(t.get(1)),
                "assignee=anna&completion=submitted", List.of(t.get(1)),
                "reviewer=rita&tag=hard", List.of(t.get(0)));
        expected.forEach((query, ids) -> as("olivia").get(tasks + "?" + query).then().statusCode(200)
                .body("total", equalTo(ids.size())).body("items.id", contains(ids.toArray())));

        as("olivia").get(tasks + "?size=2&page=1").then().statusCode(200)
                .body("total", equalTo(5)).body("page", equalTo(1)).body("items.id", contains(t.get(2), t.get(3)));
        as("olivia").get(tasks + "?size=2&page=2").then().body("items.id", contains(t.get(4)));
        as("olivia").get(tasks + "?size=2&sort=created,desc").then().statusCode(200)
                .body("total", equalTo(5)).body("items.id", contains(t.get(4), t.get(3)));
        as("olivia").get(tasks + "?sort=text").then().statusCode(400).body("reason", equalTo("INVALID_SORT"))
                .body("errors[0].field", equalTo("sort"));
        // An annotator's listing is always narrowed to the tasks assigned to them.
        as("anna").get(tasks + "?completion=any").then().body("total", equalTo(2))
                .body("items.id", contains(t.get(0), t.get(1)));

        as("olivia").get(tasks + "/counts").then().statusCode(200)
                .body("tasks", equalTo(5)).body("withCompletions", equalTo(4)).body("withSubmitted", equalTo(3))
                .body("withAccepted", equalTo(1)).body("withRejected", equalTo(1))
                .body("byTag", equalTo(Map.of("batch1", 3, "hard", 2)));
        as("olivia").get(tasks + "?completion=maybe").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("completion"));
    }

    /** Stores one model version's prediction (one span) for a task, as preannotation-service does. */
    private static void predict(UUID project, String model, String version, String taskId, Double score) {
        Map<String, Object> prediction = new HashMap<>(Map.of("taskId", taskId,
                "spans", List.of(Map.of("start", 0, "end", 2, "label", "Disease"))));
        prediction.put("score", score);
        as("olivia").body(Map.of("model", model, "modelVersion", version, "predictions", List.of(prediction)))
                .put("/projects/" + project + "/predictions").then().statusCode(200);
    }

    @Test
    void eachTaskShowsItsStateAnnotatorsAndPredictions() {
        UUID project = project("Disease");
        List<String> t = importTasks(project, "text", "t0\nt1\nt2\nt3\nt4\nt5\n");
        String tasks = "/projects/" + project + "/tasks";
        assign(project, t, "anna", "rita");
        // t0: nothing; t1: a draft; t2: submitted, awaiting review, and a draft; t3: rejected;
        // t4: accepted, and another awaiting review; t5: rejected, and another awaiting review.
        complete(project, "anna", t.get(1), 0, 2, false);
        complete(project, "olivia", t.get(2), 0, 2, true);
        complete(project, "anna", t.get(2), 0, 2, false);
        review(project, "rita", complete(project, "anna", t.get(3), 0, 2, true), "REJECTED");
        review(project, "rita", complete(project, "olivia", t.get(4), 0, 2, true), "ACCEPTED");
        complete(project, "anna", t.get(4), 0, 2, true);
        review(project, "rita", complete(project, "olivia", t.get(5), 0, 2, true), "REJECTED");
        complete(project, "max", t.get(5), 0, 2, true);
        predict(project, "ncbi_ner", "2", t.get(0), 0.9);
        predict(project, "bio_ner", "1", t.get(0), null);
        predict(project, "ncbi_ner", "1", t.get(0), 0.5);
        predict(project, "ncbi_ner", "1", t.get(1), 0.7);

        as("olivia").get(tasks).then().statusCode(200)
                .body("items.state", contains("none", "draft", "submitted", "rejected", "accepted", "submitted"))
                .body("items.annotators", contains(List.of(), List.of("anna"), List.of("anna", "olivia"), List.of("anna"),
                        List.of("anna", "olivia"), List.of("max", "olivia")))
                .body("items[0].predictions.model", contains("bio_ner", "ncbi_ner", "ncbi_ner"))
                .body("items[0].predictions.modelVersion", contains("1", "1", "2"))
                .body("items[0].predictions.score", contains(nullValue(), equalTo(0.5f), equalTo(0.9f)))
                .body("items[1].predictions", equalTo(List.of(Map.of("model", "ncbi_ner", "modelVersion", "1",
                        "score", 0.7f))))
                .body("items[2].predictions", empty());
        as("anna").get(tasks + "/" + t.get(4)).then().statusCode(200)
                .body("state", equalTo("accepted")).body("annotators", contains("anna", "olivia"))
                .body("tags", empty());

        Map<String, List<String>> expected = Map.of(
                "completion=awaiting-review", List.of(t.get(2), t.get(4), t.get(5)),
                "predictions=any", t.subList(0, 2),
                "predictions=none", t.subList(2, 6),
                "predictions=none&completion=draft", List.of(t.get(2)));
        expected.forEach((query, ids) -> as("olivia").get(tasks + "?" + query).then().statusCode(200)
                .body("total", equalTo(ids.size())).body("items.id", contains(ids.toArray())));
        as("olivia").get(tasks + "?predictions=some").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("predictions"));
        as("olivia").get(tasks + "?completion=awaiting").then().statusCode(422)
                .body("errors[0].field", equalTo("completion"));
    }
}
