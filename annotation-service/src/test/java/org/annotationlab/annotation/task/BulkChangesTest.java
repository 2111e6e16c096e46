package org.annotationlab.annotation.task;

import static org.annotationlab.annotation.Lab.as;
import static org.annotationlab.annotation.Lab.complete;
import static org.annotationlab.annotation.Lab.importTasks;
import static org.annotationlab.annotation.Lab.project;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.testing.LabInfra;
import org.junit.jupiter.api.Test;

/** Bulk tagging and assignment of the listed tasks, or of every task matching a filter ("select all"). */
@QuarkusTest
@QuarkusTestResource(LabInfra.class)
class BulkChangesTest {

    @Test
    void taggingByFilterTagsExactlyTheMatchingTasksOfTheProject() {
        UUID project = project("Disease");
        UUID other = project("Disease");
        List<String> t = importTasks(project, "text", "t0\nt1\nt2\nt3\nt4\n");
        importTasks(other, "text", "o0\n");
        complete(project, "olivia", t.get(1), 0, 2, true);
        complete(project, "olivia", t.get(3), 0, 2, false);
        String tags = "/projects/" + project + "/tasks/tags";

        as("olivia").body(Map.of("filter", Map.of("completion", "none"), "add", List.of("todo", "batch")))
                .post(tags).then().statusCode(200).body("tasks", equalTo(3));
        // The filter's own tag removed while another is added: the tasks that matched before get both changes.
        as("olivia").body(Map.of("filter", Map.of("tag", "todo"), "add", List.of("queued"), "remove", List.of("todo")))
                .post(tags).then().statusCode(200).body("tasks", equalTo(3));
        as("olivia").body(Map.of("filter", Map.of(), "add", List.of("all"))).post(tags).then().body("tasks", equalTo(5));

        List<Object> untouched = List.of(t.get(0), t.get(2), t.get(4));
        assertIds(project, "tag=queued", untouched);
        assertIds(project, "tag=batch", untouched);
        assertIds(project, "tag=todo", List.of());
        assertIds(project, "tag=all", List.copyOf(t));
        assertIds(other, "tag=all", List.of());
    }

    @Test
    void assigningByFilterAssignsExactlyTheMatchingTasks() {
        UUID project = project("Disease");
        List<String> t = importTasks(project, "text", "t0\nt1\nt2\nt3\n");
        complete(project, "olivia", t.get(1), 0, 2, true);
        complete(project, "olivia", t.get(2), 0, 2, true);
        String assignment = "/projects/" + project + "/tasks/assignment";

        as("olivia").body(Map.of("filter", Map.of("completion", "awaiting-review"), "reviewer", "rita"))
                .put(assignment).then().statusCode(200).body("tasks", equalTo(2));
        as("olivia").body(Map.of("filter", Map.of("completion", "none"), "assignee", "anna"))
                .put(assignment).then().statusCode(200).body("tasks", equalTo(2));
        assertIds(project, "reviewer=rita", List.of(t.get(1), t.get(2)));
        assertIds(project, "assignee=anna", List.of(t.get(0), t.get(3)));
        // An empty string clears, as with taskIds.
        as("olivia").body(Map.of("filter", Map.of("reviewer", "rita"), "reviewer", ""))
                .put(assignment).then().statusCode(200).body("tasks", equalTo(2));
        assertIds(project, "reviewer=rita", List.of());
        assertIds(project, "assignee=anna", List.of(t.get(0), t.get(3)));
    }

    @Test
    void aBulkChangeTakesEitherTaskIdsOrAFilterWithKnownValues() {
        UUID project = project("Disease");
        List<String> t = importTasks(project, "text", "t0\n");
        String tasks = "/projects/" + project + "/tasks";
        Map<String, Object> filter = Map.of("completion", "none");

        as("olivia").body(Map.of("taskIds", t, "filter", filter, "add", List.of("x"))).post(tasks + "/tags")
                .then().statusCode(422).body("errors[0].field", equalTo("taskIds"));
        as("olivia").body(Map.of("add", List.of("x"))).post(tasks + "/tags")
                .then().statusCode(422).body("errors[0].field", equalTo("taskIds"));
        as("olivia").body(Map.of("taskIds", t, "filter", filter, "assignee", "anna")).put(tasks + "/assignment")
                .then().statusCode(422).body("errors[0].field", equalTo("taskIds"));
        as("olivia").body(Map.of("assignee", "anna")).put(tasks + "/assignment")
                .then().statusCode(422).body("errors[0].field", equalTo("taskIds"));
        as("olivia").body(Map.of("filter", Map.of("completion", "maybe"), "add", List.of("x"))).post(tasks + "/tags")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("filter.completion"));
        as("olivia").body(Map.of("filter", Map.of("predictions", "some"), "assignee", "anna")).put(tasks + "/assignment")
                .then().statusCode(422).body("errors[0].field", equalTo("filter.predictions"));
        assertIds(project, "tag=x", List.of());
        assertIds(project, "assignee=anna", List.of());
    }

    private static void assertIds(UUID project, String query, List<Object> expected) {
        as("olivia").get("/projects/" + project + "/tasks?size=500&" + query).then().statusCode(200)
                .body("total", equalTo(expected.size())).body("items.id", equalTo(expected));
    }
}
