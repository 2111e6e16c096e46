package org.annotationlab.project;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.testing.TestTokens;

/** The project-service API as a test's users call it, with real signed bearer tokens. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification as(String user, String... realmRoles) {
        return given().header("Authorization", TestTokens.bearer(user, realmRoles)).contentType(ContentType.JSON);
    }

    /** A name no other test uses. */
    public static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String createProject(String owner) {
        return as(owner).body(Map.of("name", unique("Project"))).post("/projects")
                .then().statusCode(201).extract().path("id");
    }

    public static void addMember(String projectId, String owner, String user, String role) {
        as(owner).body(Map.of("username", user, "role", role)).post("/projects/" + projectId + "/members")
                .then().statusCode(201);
    }
}
