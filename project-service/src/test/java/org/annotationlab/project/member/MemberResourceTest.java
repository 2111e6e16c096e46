package org.annotationlab.project.member;

import static org.annotationlab.project.Api.addMember;
import static org.annotationlab.project.Api.as;
import static org.annotationlab.project.Api.createProject;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.annotationlab.testing.LabInfra;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LabInfra.class)
class MemberResourceTest {

    @Test
    void ownerAddsChangesAndRemovesMembersAndAccessFollows() {
        String id = createProject("olivia");
        addMember(id, "olivia", "anna", "ANNOTATOR");

        as("olivia").get("/projects/" + id + "/members").then().statusCode(200)
                .body("items.username", contains("anna", "olivia"))
                .body("items.role", contains("ANNOTATOR", "OWNER")).body("total", equalTo(2));
        // Every list pages and sorts the same way; an unknown order is a 400 naming the field.
        as("olivia").get("/projects/" + id + "/members?sort=role,desc&size=1").then().statusCode(200)
                .body("items.username", contains("olivia")).body("total", equalTo(2)).body("size", equalTo(1));
        as("olivia").get("/projects/" + id + "/members?sort=password").then().statusCode(400)
                .body("reason", equalTo("INVALID_SORT")).body("errors[0].field", equalTo("sort"));

        as("anna").body(Map.of("name", "Anna's rename")).put("/projects/" + id).then().statusCode(403);
        as("olivia").body(Map.of("role", "MANAGER")).put("/projects/" + id + "/members/anna")
                .then().statusCode(200).body("role", equalTo("MANAGER"));
        as("anna").get("/projects/" + id + "/training-parameters").then().statusCode(200);

        as("olivia").delete("/projects/" + id + "/members/anna").then().statusCode(204);
        as("anna").get("/projects/" + id).then().statusCode(404);
    }

    @Test
    void managersCannotManageMembers() {
        String id = createProject("olivia");
        addMember(id, "olivia", "max", "MANAGER");

        as("max").body(Map.of("username", "zed", "role", "OWNER")).post("/projects/" + id + "/members")
                .then().statusCode(403);
    }

    @Test
    void aProjectKeepsAtLeastOneOwner() {
        String id = createProject("olivia");

        as("olivia").body(Map.of("role", "ANNOTATOR")).put("/projects/" + id + "/members/olivia")
                .then().statusCode(409).body("reason", equalTo("LAST_OWNER"));
        as("olivia").delete("/projects/" + id + "/members/olivia").then().statusCode(409);

        addMember(id, "olivia", "otto", "OWNER");
        as("olivia").delete("/projects/" + id + "/members/olivia").then().statusCode(204);
    }

    @Test
    void addingTwiceConflictsAndUnknownRolesAreRefused() {
        String id = createProject("olivia");
        addMember(id, "olivia", "anna", "ANNOTATOR");

        as("olivia").body(Map.of("username", "anna", "role", "REVIEWER")).post("/projects/" + id + "/members")
                .then().statusCode(409).body("reason", equalTo("ALREADY_MEMBER"));
        as("olivia").body(Map.of("username", "bob", "role", "SUPERVISOR")).post("/projects/" + id + "/members")
                .then().statusCode(400).body("errors[0].field", equalTo("role"));
        as("olivia").body(Map.of("role", "REVIEWER")).put("/projects/" + id + "/members/nobody")
                .then().statusCode(404);
    }
}
