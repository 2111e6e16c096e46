package org.annotationlab.annotation.trainingset;

import static org.annotationlab.annotation.Lab.as;
import static org.annotationlab.annotation.Lab.complete;
import static org.annotationlab.annotation.Lab.importTasks;
import static org.annotationlab.annotation.Lab.project;
import static org.annotationlab.annotation.Lab.review;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.testing.LabInfra;
import org.junit.jupiter.api.Test;

/** The export applies the selection rules end to end and reports what snapping did. */
@QuarkusTest
@QuarkusTestResource(LabInfra.class)
class TrainingSetExportTest {

    @Test
    void exportSelectsOneCompletionPerTaskByTheRules() {
        UUID project = project("Disease");
        List<String> t = importTasks(project, "text", "renal failure\ngout attack\ncolitis\nsevere asthma\n");
        review(project, "max", complete(project, "olivia", t.get(0), 0, 13, true), "ACCEPTED");
        complete(project, "olivia", t.get(0), 0, 5, true);
        review(project, "max", complete(project, "olivia", t.get(1), 0, 4, true), "REJECTED");
        complete(project, "olivia", t.get(2), 0, 7, false);
        complete(project, "olivia", t.get(3), 7, 13, true);

        Response conll = as("olivia").get("/projects/" + project + "/training-set?format=conll");

        assertEquals(200, conll.statusCode());
        assertEquals("""
                -DOCSTART- -X- -X- O

                renal -X- -X- B-Disease
                failure -X- -X- I-Disease

                severe -X- -X- O
                asthma -X- -X- B-Disease

                """, conll.asString());
        assertEquals("2", conll.header("X-Training-Set-Completions"));
        assertEquals("0", conll.header("X-Training-Set-Spans-Adjusted"));
    }

    @Test
    void tagsRestrictTheSetAndJsonLinesNameTheCompletions() {
        UUID project = project("Disease");
        List<String> t = importTasks(project, "text", "gout\nasthma\n");
        String chosen = complete(project, "olivia", t.get(0), 0, 4, true);
        complete(project, "olivia", t.get(1), 0, 6, true);
        as("olivia").body(Map.of("taskIds", List.of(t.get(0)), "add", List.of("gold")))
                .post("/projects/" + project + "/tasks/tags").then().statusCode(200);

        String lines = as("olivia").get("/projects/" + project + "/training-set?format=json&tags=gold,other")
                .then().statusCode(200).extract().asString();

        assertEquals(1, lines.lines().count());
        assertEquals(true, lines.contains("\"completionId\":\"" + chosen + "\""));
        as("olivia").get("/projects/" + project + "/training-set/summary?tags=gold").then()
                .body("selectedCompletions", org.hamcrest.Matchers.equalTo(1));
    }

    @Test
    void spansCuttingTokensAreSnappedAndCountedInTheHeaders() {
        UUID project = project("Disease");
        List<String> t = importTasks(project, "text", "the myopathies were severe\n");
        complete(project, "olivia", t.get(0), 6, 13, true);

        Response conll = as("olivia").get("/projects/" + project + "/training-set");

        assertEquals("1", conll.header("X-Training-Set-Spans-Adjusted"));
        assertEquals("0", conll.header("X-Training-Set-Spans-Dropped"));
        assertEquals(true, conll.asString().contains("myopathies -X- -X- B-Disease"));
    }

    @Test
    void annotatorsMayNotExportTheTrainingSet() {
        UUID project = project("Disease");

        as("anna").get("/projects/" + project + "/training-set").then().statusCode(403);
        as("eve").get("/projects/" + project + "/training-set/summary").then().statusCode(404);
    }
}
