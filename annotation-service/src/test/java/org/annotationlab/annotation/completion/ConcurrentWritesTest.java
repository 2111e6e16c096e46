package org.annotationlab.annotation.completion;

import static org.annotationlab.annotation.Lab.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.annotation.Lab;
import org.annotationlab.testing.Concurrently;
import org.annotationlab.testing.LabInfra;
import org.junit.jupiter.api.Test;

/**
 * Requests that race for one completion: the outcome is one write. A request that overlaps the
 * winning one gets a 409 with a reason; one that arrives after it committed finds the same decision
 * (or the submission) already there and gets a 200 without writing again; none gets a 500.
 */
@QuarkusTest
@QuarkusTestResource(LabInfra.class)
class ConcurrentWritesTest {

    @Test
    void tenReviewsOfOneCompletionAtOnceWriteOneDecision() {
        UUID project = Lab.project("Disease");
        String completion = annasCompletion(project, true);

        Map<Integer, Integer> statuses = Concurrently.statuses(10, () -> as("rita").body(Map.of("status", "ACCEPTED"))
                .post("/projects/" + project + "/completions/" + completion + "/review").statusCode());

        System.out.println("10 reviews of one completion at once: " + statuses);
        assertEquals(10, statuses.getOrDefault(200, 0) + statuses.getOrDefault(409, 0), "only 200s and 409s: " + statuses);
        assertEquals(1, count(project, completion, "ACCEPTED"), "one decision written");
    }

    @Test
    void twentySubmitsOfOneDraftAtOnceSubmitItOnce() {
        UUID project = Lab.project("Disease");
        String draft = annasCompletion(project, false);

        Map<Integer, Integer> statuses = Concurrently.statuses(20, () -> as("anna")
                .post("/projects/" + project + "/completions/" + draft + "/submission").statusCode());

        System.out.println("20 submits of one draft at once: " + statuses);
        assertEquals(20, statuses.getOrDefault(200, 0) + statuses.getOrDefault(409, 0), statuses.toString());
        assertEquals(1, count(project, draft, "SUBMITTED"));
    }

    /** anna's completion of the project's one task, which rita reviews. */
    private static String annasCompletion(UUID project, boolean submitted) {
        String task = Lab.importTasks(project, "text", "Familial gout").get(0);
        Lab.assign(project, List.of(task), "anna", "rita");
        return Lab.complete(project, "anna", task, 9, 13, submitted);
    }

    private static long count(UUID project, String completion, String action) {
        List<String> actions = as("olivia").get("/projects/" + project + "/completions/" + completion + "/history")
                .then().statusCode(200).extract().jsonPath().getList("action");
        return actions.stream().filter(action::equals).count();
    }
}
