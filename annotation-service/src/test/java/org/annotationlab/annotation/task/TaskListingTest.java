package org.annotationlab.annotation.task;

import static org.annotationlab.annotation.Lab.as;
import static org.annotationlab.annotation.Lab.assign;
import static org.annotationlab.annotation.Lab.complete;
import static org.annotationlab.annotation.Lab.importTasks;
import static org.annotationlab.annotation.Lab.project;
import static org.annotationlab.annotation.Lab.review;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
}
