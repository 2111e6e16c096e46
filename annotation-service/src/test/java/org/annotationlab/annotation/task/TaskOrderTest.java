package org.annotationlab.annotation.task;

import static org.annotationlab.annotation.Lab.as;
import static org.annotationlab.annotation.Lab.assign;
import static org.annotationlab.annotation.Lab.complete;
import static org.annotationlab.annotation.Lab.importTasks;
import static org.annotationlab.annotation.Lab.project;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.testing.LabInfra;
import org.junit.jupiter.api.Test;

/**
 * A user's next task by the project's order (issue 23 §4) on a small pool: sequential, seeded
 * random, and most uncertain first by each measure; only tasks the user may take and nobody has
 * submitted; and the task list sorted and filtered by the predictions' figures.
 */
@QuarkusTest
@QuarkusTestResource(LabInfra.class)
class TaskOrderTest {

    /** Per task: score, least confidence, MNLP, entropy; null: no prediction. */
    private static final double[][] FIGURES = {
        {0.95, 0.20, 0.10, 0.05},
        {0.40, 0.60, 0.90, 0.70},
        {0.60, 0.90, 0.50, 0.40},
        null,
        {0.50, 0.30, 0.70, 0.80},
        {0.80, 0.50, 0.30, 0.20},
    };

    private static UUID project;
    private static List<String> tasks;

    private static synchronized void pool() {
        if (project != null) {
            return;
        }
        project = project("Disease");
        tasks = importTasks(project, "text", "gout zero\ngout one\ngout two\ngout three\ngout four\ngout five\n");
        List<Map<String, Object>> predictions = new ArrayList<>();
        for (int i = 0; i < FIGURES.length; i++) {
            if (FIGURES[i] != null) {
                predictions.add(Map.of("taskId", tasks.get(i), "spans", List.of(Map.of("start", 0, "end", 4, "label", "Disease")),
                        "score", FIGURES[i][0], "uncertainty",
                        Map.of("leastConfidence", FIGURES[i][1], "mnlp", FIGURES[i][2], "entropy", FIGURES[i][3])));
            }
        }
        as("olivia").body(Map.of("model", "ncbi_ner_v1", "modelVersion", "1", "predictions", predictions))
                .put("/projects/" + project + "/predictions").then().statusCode(200);
    }

    /** A fresh project with the same pool, so that changing its order does not disturb the other tests. */
    private static UUID copyOfPool() {
        pool();
        UUID copy = project("Disease");
        List<String> ids = importTasks(copy, "text", "gout zero\ngout one\ngout two\ngout three\ngout four\ngout five\n");
        List<Map<String, Object>> predictions = new ArrayList<>();
        for (int i = 0; i < FIGURES.length; i++) {
            if (FIGURES[i] != null) {
                predictions.add(Map.of("taskId", ids.get(i), "spans", List.of(), "score", FIGURES[i][0], "uncertainty",
                        Map.of("leastConfidence", FIGURES[i][1], "mnlp", FIGURES[i][2], "entropy", FIGURES[i][3])));
            }
        }
        as("olivia").body(Map.of("model", "m", "modelVersion", "1", "predictions", predictions))
                .put("/projects/" + copy + "/predictions").then().statusCode(200);
        return copy;
    }

    private static JsonPath next(UUID projectId, String user, String current, List<String> skip) {
        var request = as(user);
        if (current != null) {
            request = request.queryParam("current", current);
        }
        if (!skip.isEmpty()) {
            request = request.queryParam("skip", skip);
        }
        return request.get("/projects/" + projectId + "/tasks/next").then().statusCode(200).extract().jsonPath();
    }

    /** The whole order: each next task, skipping those offered before. */
    private static List<String> order(UUID projectId, String user) {
        List<String> seen = new ArrayList<>();
        while (true) {
            JsonPath next = next(projectId, user, null, seen);
            String id = next.getString("task.id");
            if (id == null || seen.contains(id)) {
                return seen;
            }
            seen.add(id);
        }
    }

    private static List<Integer> positions(UUID projectId, List<String> ids) {
        List<String> all = as("olivia").get("/projects/" + projectId + "/tasks?size=500").then().extract().jsonPath()
                .getList("items.id");
        return ids.stream().map(all::indexOf).toList();
    }

    private static void setOrder(UUID projectId, Map<String, Object> settings) {
        as("max").body(settings).put("/projects/" + projectId + "/task-order").then().statusCode(200);
    }

    @Test
    void sequentialByDefaultSkippingTheCurrentAndTheOpenedTasks() {
        pool();
        as("anna").get("/projects/" + project + "/task-order").then().statusCode(200)
                .body("strategy", equalTo("sequential"));

        JsonPath first = next(project, "olivia", null, List.of());
        assertEquals(tasks.get(0), first.getString("task.id"));
        assertEquals(6, first.getInt("left"));
        assertEquals("sequential", first.getString("strategy"));
        JsonPath second = next(project, "olivia", tasks.get(0), List.of());
        assertEquals(tasks.get(1), second.getString("task.id"));
        assertEquals(5, second.getInt("left"));
        assertEquals(tasks.get(2), next(project, "olivia", tasks.get(0), List.of(tasks.get(1))).getString("task.id"));
        // Everything else opened already: the opened ones come back rather than nothing.
        assertEquals(tasks.get(1), next(project, "olivia", tasks.get(0), tasks.subList(1, 6)).getString("task.id"));
    }

    @Test
    void mostUncertainFirstByEachMeasureUnscoredLastAndSubmittedTasksNever() {
        UUID p = copyOfPool();
        setOrder(p, Map.of("strategy", "uncertainty"));
        as("olivia").get("/projects/" + p + "/task-order").then().body("measure", equalTo("mnlp"));

        List<String> byMnlp = order(p, "olivia");
        assertEquals(List.of(1, 4, 2, 5, 0, 3), positions(p, byMnlp));
        JsonPath first = next(p, "olivia", null, List.of());
        assertEquals("mnlp", first.getString("measure"));
        assertEquals(0.9f, first.getFloat("task.uncertainty.mnlp"));

        setOrder(p, Map.of("strategy", "uncertainty", "measure", "least-confidence"));
        assertEquals(List.of(2, 1, 5, 4, 0, 3), positions(p, order(p, "olivia")));
        setOrder(p, Map.of("strategy", "uncertainty", "measure", "entropy"));
        assertEquals(List.of(4, 1, 2, 5, 0, 3), positions(p, order(p, "olivia")));

        // Submitted by someone: no longer offered, no longer counted.
        complete(p, "olivia", byMnlp.get(2), 0, 4, true);
        List<String> after = order(p, "olivia");
        assertEquals(List.of(4, 1, 5, 0, 3), positions(p, after));
        assertEquals(4, next(p, "olivia", after.get(0), List.of()).getInt("left"));
    }

    @Test
    void aSeededRandomOrderIsAPermutationTheSameSeedRepeats() {
        UUID p = copyOfPool();
        setOrder(p, Map.of("strategy", "random", "seed", 7));

        List<String> seven = order(p, "olivia");
        assertEquals(6, new HashSet<>(seven).size());
        assertEquals(seven, order(p, "olivia"));
        setOrder(p, Map.of("strategy", "random", "seed", 8));
        List<String> eight = order(p, "olivia");
        assertEquals(new HashSet<>(seven), new HashSet<>(eight));
        assertNotEquals(seven, eight);
        as("olivia").get("/projects/" + p + "/task-order").then().body("seed", equalTo(8));
    }

    @Test
    void anAnnotatorIsOfferedOnlyTheirAssignedTasks() {
        UUID p = copyOfPool();
        setOrder(p, Map.of("strategy", "uncertainty"));
        List<String> ids = as("olivia").get("/projects/" + p + "/tasks?size=500").then().extract().jsonPath().getList("items.id");
        assign(p, List.of(ids.get(0), ids.get(5)), "anna", "rita");

        assertEquals(List.of(5, 0), positions(p, order(p, "anna")));
        complete(p, "anna", ids.get(5), 0, 4, false);
        assertEquals(List.of(5, 0), positions(p, order(p, "anna")), "a draft is still hers to finish");
        complete(p, "anna", ids.get(0), 0, 4, true);
        JsonPath last = next(p, "anna", ids.get(5), List.of());
        assertEquals(null, last.getString("task"));
        assertEquals(0, last.getInt("left"));
    }

    @Test
    void onlyOwnersAndManagersSetTheOrderAndBadValuesAreNamed() {
        pool();
        String path = "/projects/" + project + "/task-order";
        as("anna").body(Map.of("strategy", "random")).put(path).then().statusCode(403);
        as("rita").body(Map.of("strategy", "random")).put(path).then().statusCode(403);
        as("max").body(Map.of("strategy", "smart")).put(path).then().statusCode(422)
                .body("errors[0].field", equalTo("strategy"));
        as("max").body(Map.of("strategy", "uncertainty", "measure", "margin")).put(path).then().statusCode(422)
                .body("errors[0].field", equalTo("measure"));
        as("max").body(Map.of("strategy", "random", "seed", -1)).put(path).then().statusCode(422)
                .body("errors[0].field", equalTo("seed"));
        as("max").body(new HashMap<>()).put(path).then().statusCode(422).body("errors[0].field", equalTo("strategy"));
        as("olivia").get(path).then().body("strategy", equalTo("sequential"));
    }

    @Test
    void theTaskListSortsByUncertaintyAndFiltersByScore() {
        pool();
        String path = "/projects/" + project + "/tasks";
        List<String> byMnlp = as("olivia").queryParam("sort", "mnlp,desc").get(path).then().statusCode(200)
                .extract().jsonPath().getList("items.id");
        assertEquals(List.of(1, 4, 2, 5, 0, 3), positions(project, byMnlp));
        List<String> byScore = as("olivia").queryParam("sort", "score").get(path).then().extract().jsonPath().getList("items.id");
        assertEquals(List.of(1, 4, 2, 5, 0, 3), positions(project, byScore), "least confident first, unscored last");

        JsonPath uncertain = as("olivia").queryParam("maxScore", 0.6).queryParam("sort", "score").get(path).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of(1, 4, 2), positions(project, uncertain.getList("items.id")));
        assertEquals(3, uncertain.getInt("total"));
        assertEquals(0.4f, uncertain.getFloat("items[0].predictionScore"));
        assertEquals(0.6f, uncertain.getFloat("items[0].uncertainty.leastConfidence"));
        assertEquals(List.of(0), positions(project, as("olivia").queryParam("minScore", 0.9).get(path).then()
                .extract().jsonPath().getList("items.id")));
        as("olivia").queryParam("minScore", 2).get(path).then().statusCode(422).body("errors[0].field", equalTo("minScore"));
        as("olivia").queryParam("sort", "confidence").get(path).then().statusCode(400);
    }
}
