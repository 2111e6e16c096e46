package org.annotationlab.annotation.task;

import static org.annotationlab.annotation.Lab.as;
import static org.annotationlab.annotation.Lab.project;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.annotationlab.annotation.Lab;
import org.annotationlab.testing.LabInfra;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LabInfra.class)
class TaskImportTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void jsonImportKeepsMetaAndTagsEveryTask() {
        UUID project = project("Disease");
        String body = "[{\"text\": \"BRCA1 and breast cancer\", \"meta\": {\"pmid\": 1}},"
                + " {\"text\": \"No disease here\"}, {\"text\": \"Gout again\"}]";

        as("olivia").contentType("application/json").body(body)
                .post("/projects/" + project + "/tasks/import?format=json&tag=batch1&tag=pubmed")
                .then().statusCode(200).body("imported", equalTo(3));

        as("olivia").get("/projects/" + project + "/tasks?tag=batch1").then().statusCode(200)
                .body("total", equalTo(3))
                .body("items[0].meta.pmid", equalTo(1))
                .body("items[0].tags", contains("batch1", "pubmed"));
        as("olivia").get("/projects/" + project + "/tasks?tag=other").then().body("total", equalTo(0));
    }

    @Test
    void conllImportBringsGoldCompletionsThatCountForTraining() {
        UUID project = project("Disease");
        String conll = "Familial\tO\nbreast\tB-Disease\ncancer\tI-Disease\n\ngout\tB-Disease\nflares\tO\n";

        as("olivia").contentType("text/plain").body(conll).post("/projects/" + project + "/tasks/import?format=conll")
                .then().statusCode(200).body("imported", equalTo(2)).body("withCompletions", equalTo(2));

        as("olivia").get("/projects/" + project + "/training-set/summary").then().statusCode(200)
                .body("selectedCompletions", equalTo(2))
                .body("entitiesPerLabel.Disease", equalTo(2));
        List<JsonNode> changed = Lab.annotationEvents(project, "TrainingSetChanged", 1);
        assertEquals(2, changed.get(0).get("data").get("selectedCount").asInt());
        Lab.annotationEvents(project, "TasksImported", 1);
    }

    @Test
    void aBulkImportLeavesThePlannerKnowingItsRows() throws Exception {
        UUID project = project("Disease");
        String body = IntStream.range(0, 150).mapToObj(i -> "{\"text\": \"sentence " + i + "\"}")
                .collect(Collectors.joining(",", "[", "]"));

        as("olivia").contentType("application/json").body(body)
                .post("/projects/" + project + "/tasks/import?format=json&tag=bulk")
                .then().statusCode(200).body("imported", equalTo(150));

        // ANALYZE reads every row of tables this small, so the planner's row counts are exact.
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : List.of("task", "task_tag")) {
                ResultSet rows = statement.executeQuery("select (select reltuples from pg_class where relname = '" + table
                        + "')::bigint, (select count(*) from " + table + ")");
                rows.next();
                assertEquals(rows.getLong(2), rows.getLong(1), "the planner's row count of " + table);
            }
        }
    }

    @Test
    void aBadRowFailsTheWholeImportWithItsLineNumber() {
        UUID project = project("Disease");
        String body = "[\n{\"text\": \"fine\"},\n{\"text\": 42}\n]";

        as("olivia").contentType("application/json").body(body)
                .post("/projects/" + project + "/tasks/import?format=json")
                .then().statusCode(422).contentType("application/problem+json")
                .body("reason", equalTo("INVALID_IMPORT"))
                .body("detail", containsString("line 3"));
        as("olivia").get("/projects/" + project + "/tasks").then().body("total", equalTo(0));

        // A bad row after the first batches were written (1,000 rows each) takes them back too.
        String lines = IntStream.rangeClosed(1, 1600)
                .mapToObj(i -> i == 1500 ? "x".repeat(100_001) : "sentence " + i).collect(Collectors.joining("\n"));
        as("olivia").contentType("text/plain").body(lines).post("/projects/" + project + "/tasks/import?format=text")
                .then().statusCode(422).body("detail", containsString("line 1500"));
        as("olivia").get("/projects/" + project + "/tasks").then().body("total", equalTo(0));
    }

    @Test
    void skippingBadRowsImportsTheRestAndReportsEachBadRow() {
        UUID project = project("Disease");
        String conll = "a\tO\n\nb\tB-Drug\n\nc\tB-Disease\n";

        as("olivia").contentType("text/plain").body(conll)
                .post("/projects/" + project + "/tasks/import?format=conll&skipBadRows=true")
                .then().statusCode(200)
                .body("imported", equalTo(2))
                .body("skippedRows", equalTo(1))
                .body("skipped", hasSize(1))
                .body("skipped[0].line", equalTo(3))
                .body("skipped[0].message", containsString("Drug"));

        // Malformed JSON is not a row to skip: nothing after it can be read, so nothing is kept.
        String json = "[\n{\"text\": \"fine\"},\n{\"text\": 42},\n{\"text\": \"cut\"\n{\"text\": \"lost\"}\n]";
        as("olivia").contentType("application/json").body(json)
                .post("/projects/" + project + "/tasks/import?format=json&skipBadRows=true")
                .then().statusCode(422).body("reason", equalTo("INVALID_IMPORT"))
                .body("detail", containsString("line 5")).body("detail", containsString("malformed JSON"));
        as("olivia").get("/projects/" + project + "/tasks").then().body("total", equalTo(2));
        // Nor is anything after the array.
        as("olivia").contentType("application/json").body("[{\"text\": \"fine\"}]\n[{\"text\": \"more\"}]")
                .post("/projects/" + project + "/tasks/import?format=json&skipBadRows=true")
                .then().statusCode(422).body("detail", containsString("line 2"));
        // Nor a task with a key twice: strict JSON, as every body.
        as("olivia").contentType("application/json").body("[{\"text\": \"fine\"},\n{\"text\": \"a\", \"text\": \"b\"}]")
                .post("/projects/" + project + "/tasks/import?format=json&skipBadRows=true")
                .then().statusCode(422).body("detail", containsString("line 2")).body("detail", containsString("Duplicate field"));
        // Every skipped row is counted; the first 1,000 are listed.
        String unknownLabels = "x\tB-Drug\n\n".repeat(1005);
        as("olivia").contentType("text/plain").body(unknownLabels)
                .post("/projects/" + project + "/tasks/import?format=conll&skipBadRows=true")
                .then().statusCode(200).body("imported", equalTo(0)).body("skippedRows", equalTo(1005))
                .body("skipped", hasSize(1000)).body("skipped[999].line", equalTo(1999));
        as("olivia").get("/projects/" + project + "/tasks").then().body("total", equalTo(2));
    }

    @Test
    void onlyOwnersAndManagersImportAndStrangersDoNotSeeTheProject() {
        UUID project = project("Disease");

        as("anna").contentType("text/plain").body("x").post("/projects/" + project + "/tasks/import?format=text")
                .then().statusCode(403);
        as("eve").contentType("text/plain").body("x").post("/projects/" + project + "/tasks/import?format=text")
                .then().statusCode(404);
        as("olivia").contentType("text/plain").body("x").post("/projects/" + project + "/tasks/import?format=xml")
                .then().statusCode(422).body("errors[0].field", equalTo("format"));
    }
}
