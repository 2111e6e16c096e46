package org.annotationlab.annotation.trainingset;

import static org.annotationlab.annotation.Lab.as;
import static org.annotationlab.annotation.Lab.awaitSelectedCount;
import static org.annotationlab.annotation.Lab.complete;
import static org.annotationlab.annotation.Lab.importTasks;
import static org.annotationlab.annotation.Lab.project;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.response.Response;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.testing.LabInfra;
import org.junit.jupiter.api.Test;

/** Tasks with the project's test tag are its test set and never in its training set, whatever the tag is. */
@QuarkusTest
@QuarkusTestResource(LabInfra.class)
class TestSetTest {

    @Test
    void testTasksFormTheTestSetAndNeverTheTrainingSet() {
        UUID project = project("Disease");
        List<String> t = importTasks(project, "text", "gout\nasthma\ncolitis\n");
        String held = complete(project, "olivia", t.get(0), 0, 4, true);
        complete(project, "olivia", t.get(1), 0, 6, true);
        complete(project, "olivia", t.get(2), 0, 7, true);
        tag(project, t.get(0), "test");

        Response training = as("olivia").get("/projects/" + project + "/training-set?format=json");
        Response test = as("olivia").get("/projects/" + project + "/test-set");

        assertEquals(2, training.asString().lines().count());
        assertEquals(false, training.asString().contains(t.get(0)));
        assertEquals("test", training.header("X-Test-Set-Tag"));
        assertEquals(1, test.asString().lines().count());
        assertEquals(true, test.asString().contains("\"completionId\":\"" + held + "\""));
        assertEquals("1", test.header("X-Training-Set-Completions"));
        as("olivia").get("/projects/" + project + "/test-set/summary").then()
                .body("tag", equalTo("test")).body("selected.selectedCompletions", equalTo(1));
        as("olivia").get("/projects/" + project + "/training-set/summary?tags=test,other").then()
                .statusCode(422).body("errors[0].field", equalTo("tags"));
        // What active learning counts leaves the test task out, and counts it again once untagged.
        awaitSelectedCount(project, 2);
        as("olivia").body(Map.of("taskIds", List.of(t.get(0)), "remove", List.of("test")))
                .post("/projects/" + project + "/tasks/tags").then().statusCode(200);
        awaitSelectedCount(project, 3);
    }

    @Test
    void anotherTestTagMovesTheTasksBetweenTheSets() {
        UUID project = project("Disease");
        List<String> t = importTasks(project, "text", "gout\nasthma\n");
        complete(project, "olivia", t.get(0), 0, 4, true);
        complete(project, "olivia", t.get(1), 0, 6, true);
        tag(project, t.get(0), "test");
        tag(project, t.get(1), "held-out");

        as("olivia").body(Map.of("tag", "held-out")).put("/projects/" + project + "/test-set/settings")
                .then().statusCode(200).body("tag", equalTo("held-out"));

        String training = as("olivia").get("/projects/" + project + "/training-set?format=json").asString();
        assertEquals(1, training.lines().count());
        assertEquals(true, training.contains(t.get(0)));
        as("anna").get("/projects/" + project + "/test-set/settings").then().body("tag", equalTo("held-out"));
        as("olivia").get("/projects/" + project + "/test-set").then().header("X-Test-Set-Tag", "held-out");
        awaitSelectedCount(project, 1);
    }

    @Test
    void onlyOwnersAndManagersChangeTheTestTagAndABadTagIsRefusedByName() {
        UUID project = project("Disease");

        as("anna").body(Map.of("tag", "gold")).put("/projects/" + project + "/test-set/settings").then().statusCode(403);
        as("anna").get("/projects/" + project + "/test-set").then().statusCode(403);
        as("max").body(Map.of("tag", "two words")).put("/projects/" + project + "/test-set/settings")
                .then().statusCode(422).body("errors[0].field", equalTo("tag"));
        as("max").get("/projects/" + project + "/test-set/settings").then().body("tag", equalTo("test"));
    }

    private static void tag(UUID project, String task, String tag) {
        as("olivia").body(Map.of("taskIds", List.of(task), "add", List.of(tag)))
                .post("/projects/" + project + "/tasks/tags").then().statusCode(200);
    }
}
