package org.annotationlab.project.project;

import static io.restassured.RestAssured.given;
import static org.annotationlab.project.Api.addMember;
import static org.annotationlab.project.Api.as;
import static org.annotationlab.project.Api.createProject;
import static org.annotationlab.project.Api.unique;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.annotationlab.testing.LabInfra;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LabInfra.class)
class ProjectResourceTest {

    @Test
    void creatorBecomesOwnerAndGetsTheInitialSettings() {
        String name = unique("Clinical Notes");

        as("olivia").body(Map.of("name", name, "description", "discharge letters")).post("/projects")
                .then().statusCode(201)
                .header("Location", containsString("/projects/"))
                .body("name", equalTo(name))
                .body("slug", startsWith("clinical_notes_"))
                .body("myRole", equalTo("OWNER"))
                .body("createdBy", equalTo("olivia"))
                .body("trainingDefaults.epochs", equalTo(10))
                .body("activeLearning.enabled", equalTo(false))
                .body("activeLearning.everyNCompletions", equalTo(50));
    }

    @Test
    void projectNamesAreUniqueIgnoringCase() {
        String name = unique("Drug Labels");
        as("olivia").body(Map.of("name", name)).post("/projects").then().statusCode(201);

        as("oscar").body(Map.of("name", name.toUpperCase())).post("/projects")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("reason", equalTo("PROJECT_NAME_TAKEN"));
    }

    @Test
    void theProjectListSearchesNamesAnyCaseWithTheCallersRoleInEach() {
        String tag = unique("Search");
        String mine = as("olivia").body(Map.of("name", tag + " Chemicals_and Diseases 100%")).post("/projects")
                .then().statusCode(201).extract().path("id");
        String joined = as("oscar").body(Map.of("name", tag + " chemicals of oscar")).post("/projects")
                .then().statusCode(201).extract().path("id");
        addMember(joined, "oscar", "olivia", "REVIEWER");
        as("oscar").body(Map.of("name", tag + " Chemicals hidden")).post("/projects").then().statusCode(201);

        as("olivia").queryParam("q", tag.toUpperCase() + " CHEMICALS").get("/projects")
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.id", containsInAnyOrder(mine, joined))
                .body("items.find { it.id == '" + mine + "' }.myRole", equalTo("OWNER"))
                .body("items.find { it.id == '" + joined + "' }.myRole", equalTo("REVIEWER"));
        // _ and % match only themselves.
        as("olivia").queryParam("q", "chemicals_and diseases 100%").get("/projects")
                .then().body("items.id", equalTo(java.util.List.of(mine)));
        as("olivia").queryParam("q", tag + " chemicals%hidden").get("/projects").then().body("total", equalTo(0));
    }

    @Test
    void twentyCreatesOfOneNameAtOnceMakeOneProjectAndNineteenConflicts() {
        String name = unique("Race");
        java.util.Map<Integer, Integer> statuses = org.annotationlab.testing.Concurrently.statuses(20,
                () -> as("olivia").body(Map.of("name", name)).post("/projects").statusCode());

        System.out.println("20 creates of one project name at once: " + statuses);
        assertEquals(Map.of(201, 1, 409, 19), statuses);
        as("olivia").queryParam("q", name).get("/projects").then().body("total", equalTo(1));
    }

    @Test
    void nonMembersGetNotFoundSoTheProjectStaysHidden() {
        String id = createProject("olivia");

        as("eve").get("/projects/" + id).then().statusCode(404).body("reason", equalTo("NOT_FOUND"));
        as("eve").get("/projects/" + id + "/members").then().statusCode(404);
        as("eve").get("/projects").then().statusCode(200).body("items.id", not(hasItem(id)));
    }

    @Test
    void membersSeeTheProjectWithTheirRoleButOnlyOwnersAndManagersEditIt() {
        String id = createProject("olivia");
        addMember(id, "olivia", "anna", "ANNOTATOR");
        addMember(id, "olivia", "max", "MANAGER");

        as("anna").get("/projects").then().statusCode(200).body("items.find { it.id == '" + id + "' }.myRole",
                equalTo("ANNOTATOR"));
        as("anna").body(Map.of("name", unique("Renamed"))).put("/projects/" + id)
                .then().statusCode(403).body("reason", equalTo("FORBIDDEN"));
        String renamed = unique("Renamed");
        as("max").body(Map.of("name", renamed)).put("/projects/" + id)
                .then().statusCode(200).body("name", equalTo(renamed)).body("myRole", equalTo("MANAGER"));
        as("max").delete("/projects/" + id).then().statusCode(403);
    }

    @Test
    void adminMaySeeAnyProject() {
        String id = createProject("olivia");

        as("root", "admin").get("/projects/" + id).then().statusCode(200).body("myRole", equalTo("OWNER"));
    }

    @Test
    void ownerDeletesAProjectAndItIsGoneForEveryone() {
        String id = createProject("olivia");

        as("olivia").delete("/projects/" + id).then().statusCode(204);

        as("olivia").get("/projects/" + id).then().statusCode(404);
    }

    @Test
    void requestsWithoutAValidTokenAreUnauthorized() {
        given().get("/projects").then().statusCode(401);
        given().header("Authorization", "Bearer not-a-jwt").get("/projects").then().statusCode(401);
    }
}
