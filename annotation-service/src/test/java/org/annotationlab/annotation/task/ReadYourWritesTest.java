package org.annotationlab.annotation.task;

import static io.restassured.RestAssured.given;
import static org.annotationlab.annotation.Lab.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.testing.LabInfra;
import org.annotationlab.testing.TestTokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md §9 with project-service running as a process: what annotation-service decides on is
 * asked of project-service, not read from its event-fed views. The creator of a project imports at
 * once, and each import right after a labeling-config change is checked against that change: 50
 * changes, each to a new label, each followed at once by an import using it; then a label just
 * removed is refused at once. The same for a completion: 50 changes, each followed at once by a
 * submitted completion whose span uses the new label, and for a batch of predictions.
 */
@QuarkusTest
@QuarkusTestResource(value = LabInfra.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "services", value = "project-service"))
class ReadYourWritesTest {

    @Test
    void anImportRightAfterAConfigChangeIsCheckedAgainstThatChange() {
        String id = projects("olivia").body(Map.of("name", "Imports " + UUID.randomUUID())).post("/projects")
                .then().statusCode(201).extract().path("id");
        int refused = 0;
        for (int i = 0; i < 50; i++) {
            projects("olivia").contentType("application/xml").body(config("Label" + i))
                    .put("/projects/" + id + "/labeling-config").then().statusCode(200);
            refused += importWith(id, "Label" + i) == 200 ? 0 : 1;
        }
        assertEquals(0, refused, "imports refused right after the config change that allowed their label");
        as("olivia").contentType("text/plain").body(conll("Label48")).post("/projects/" + id + "/tasks/import?format=conll")
                .then().statusCode(422).body("reason", equalTo("INVALID_IMPORT"));
    }

    @Test
    void aCompletionRightAfterAConfigChangeIsCheckedAgainstThatChange() {
        String id = projectWithOneTask("Completions ");
        String task = firstTask(id);
        int refused = 0;
        for (int i = 0; i < 50; i++) {
            projects("olivia").contentType("application/xml").body(config("Label" + i))
                    .put("/projects/" + id + "/labeling-config").then().statusCode(200);
            int status = as("olivia").body(Map.of("submit", true,
                    "spans", List.of(Map.of("start", 9, "end", 13, "label", "Label" + i))))
                    .post("/projects/" + id + "/tasks/" + task + "/completions").statusCode();
            refused += status == 201 ? 0 : 1;
        }
        assertEquals(0, refused, "completions refused right after the config change that allowed their label");
    }

    /** The same for predictions: each batch right after the change that added its label is stored. */
    @Test
    void predictionsRightAfterAConfigChangeAreCheckedAgainstThatChange() {
        String id = projectWithOneTask("Predictions ");
        String task = firstTask(id);
        int refused = 0;
        for (int i = 0; i < 50; i++) {
            projects("olivia").contentType("application/xml").body(config("Label" + i))
                    .put("/projects/" + id + "/labeling-config").then().statusCode(200);
            int status = as("olivia").body(Map.of("model", "ner", "modelVersion", String.valueOf(i), "predictions",
                    List.of(Map.of("taskId", task, "spans", List.of(Map.of("start", 9, "end", 13, "label", "Label" + i))))))
                    .put("/projects/" + id + "/predictions").statusCode();
            refused += status == 200 ? 0 : 1;
        }
        assertEquals(0, refused, "predictions refused right after the config change that allowed their label");
        as("olivia").body(Map.of("model", "ner", "modelVersion", "x", "predictions",
                List.of(Map.of("taskId", task, "spans", List.of(Map.of("start", 9, "end", 13, "label", "Label3"))))))
                .put("/projects/" + id + "/predictions").then().statusCode(422).body("reason", equalTo("INVALID_SPANS"));
    }

    /**
     * The realm admin may act in any project, but not in one that does not exist or was deleted:
     * 404, within the second for which project-service's answer is kept.
     */
    @Test
    void theAdminGetsNotFoundForAProjectThatDoesNotExist() {
        String admin = TestTokens.bearer("root", "admin");
        given().header("Authorization", admin).contentType("text/plain").body("Familial gout")
                .post("/projects/" + UUID.randomUUID() + "/tasks/import?format=text").then().statusCode(404);
        String id = projects("olivia").body(Map.of("name", "Deleted " + UUID.randomUUID())).post("/projects")
                .then().statusCode(201).extract().path("id");
        given().header("Authorization", admin).get("/projects/" + id + "/tasks").then().statusCode(200);
        projects("olivia").delete("/projects/" + id).then().statusCode(204);
        // Like a removed member, within the second project-service's answers are kept.
        await().atMost(Duration.ofSeconds(3))
                .until(() -> given().header("Authorization", admin).get("/projects/" + id + "/tasks").statusCode() == 404);
        given().header("Authorization", admin).contentType("text/plain").body("Familial gout")
                .post("/projects/" + id + "/tasks/import?format=text").then().statusCode(404);
    }

    /** A project of olivia's with a labeling config of one label and one task, "Familial gout"; its id. */
    private static String projectWithOneTask(String name) {
        String id = projects("olivia").body(Map.of("name", name + UUID.randomUUID())).post("/projects")
                .then().statusCode(201).extract().path("id");
        projects("olivia").contentType("application/xml").body(config("Start"))
                .put("/projects/" + id + "/labeling-config").then().statusCode(200);
        as("olivia").contentType("text/plain").body("Familial gout").post("/projects/" + id + "/tasks/import?format=text")
                .then().statusCode(200);
        return id;
    }

    private static String firstTask(String projectId) {
        return as("olivia").get("/projects/" + projectId + "/tasks").then().statusCode(200).extract().path("items[0].id");
    }

    private static int importWith(String projectId, String label) {
        return as("olivia").contentType("text/plain").body(conll(label))
                .post("/projects/" + projectId + "/tasks/import?format=conll").statusCode();
    }

    private static String conll(String label) {
        return "Familial\tO\ngout\tB-" + label + "\n";
    }

    private static String config(String label) {
        return "<View><Labels name=\"label\" toName=\"text\"><Label value=\"" + label + "\"/></Labels>"
                + "<Text name=\"text\" value=\"$text\"/></View>";
    }

    private static RequestSpecification projects(String user) {
        return given().baseUri(ConfigProvider.getConfig().getValue("lab.test.project-service.url", String.class)).port(-1)
                .header("Authorization", TestTokens.bearer(user)).contentType(ContentType.JSON);
    }
}
