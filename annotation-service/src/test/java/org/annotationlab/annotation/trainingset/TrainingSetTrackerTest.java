package org.annotationlab.annotation.trainingset;

import static org.annotationlab.annotation.Lab.as;
import static org.annotationlab.annotation.Lab.importTasks;
import static org.annotationlab.annotation.Lab.project;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.annotationlab.annotation.Lab;
import org.annotationlab.testing.LabInfra;
import org.junit.jupiter.api.Test;

/** What active learning counts stays exact when many completions are submitted at once. */
@QuarkusTest
@QuarkusTestResource(LabInfra.class)
class TrainingSetTrackerTest {

    @Test
    void concurrentSubmitsEndWithTheExactSelectedCountPublished() throws Exception {
        UUID project = project("Disease");
        int n = 12;
        List<String> tasks = importTasks(project, "text", "gout\n".repeat(n));
        ExecutorService clients = Executors.newFixedThreadPool(n);
        try {
            List<Future<Integer>> submits = tasks.stream().map(task -> clients.submit(() -> as("olivia")
                    .body(Map.of("spans", List.of(Map.of("start", 0, "end", 4, "label", "Disease")), "submit", true))
                    .post("/projects/" + project + "/tasks/" + task + "/completions").statusCode())).toList();
            for (Future<Integer> submit : submits) {
                assertEquals(201, submit.get());
            }
        } finally {
            clients.shutdown();
        }

        Lab.awaitSelectedCount(project, n);
        as("olivia").get("/projects/" + project + "/training-set/summary").then()
                .body("selectedCompletions", org.hamcrest.Matchers.equalTo(n));
    }
}
