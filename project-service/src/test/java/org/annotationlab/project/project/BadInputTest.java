package org.annotationlab.project.project;

import static org.annotationlab.project.Api.as;
import static org.annotationlab.project.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.annotationlab.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.annotationlab.testing.LabInfra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every kind of bad input is a clear 4xx problem, and none of it leaves a project behind. */
@QuarkusTest
@QuarkusTestResource(LabInfra.class)
class BadInputTest {

    private static final String PROBLEM = "application/problem+json";
    private final String user = "mallory-" + System.nanoTime();

    @AfterEach
    void nothingWasWritten() {
        as(user).get("/projects").then().statusCode(200).body("items", empty()).body("total", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void malformedJsonIsABadRequest() {
        as(user).body("{\"name\": \"broken").post("/projects")
                .then().statusCode(400).contentType(PROBLEM).body("reason", equalTo("MALFORMED_JSON"));
    }

    @Test
    void unknownFieldsAreNamed() {
        as(user).body(Map.of("name", unique("P"), "owner", "someone-else")).post("/projects")
                .then().statusCode(400).contentType(PROBLEM)
                .body("reason", equalTo("UNKNOWN_FIELD"))
                .body("errors.field", hasItem("owner"));
    }

    @Test
    void aNulCharacterOrTextAfterTheObjectIsRefused() {
        as(user).body("{\"name\": \"a\\u0000b\"}").post("/projects")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("name"));
        as(user).body("{\"name\": \"" + unique("P") + "\"} garbage").post("/projects")
                .then().statusCode(400).contentType(PROBLEM).body("reason", equalTo("MALFORMED_JSON"));
        as(user).queryParam("q", "a\u0000b").get("/projects")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("q"));
    }

    @Test
    void wrongTypesAreNamed() {
        as(user).body("{\"name\": [\"a\"]}").post("/projects")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("name"));
    }

    @Test
    void overLongAndBlankNamesAreValidationErrorsNamingTheField() {
        as(user).body(Map.of("name", "x".repeat(101))).post("/projects")
                .then().statusCode(422).contentType(PROBLEM)
                .body("reason", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItem("name"));
        as(user).body(Map.of("name", " ")).post("/projects")
                .then().statusCode(422).body("errors.field", hasItem("name"));
        as(user).body("").post("/projects").then().statusCode(422).contentType(PROBLEM);
    }

    @Test
    void invalidLabelingConfigXmlIsRefusedWithItsPosition() {
        as(user).body(Map.of("name", unique("P"), "labelingConfig", "<View><Labels></View>")).post("/projects")
                .then().statusCode(422).contentType(PROBLEM)
                .body("reason", equalTo("INVALID_LABELING_CONFIG"))
                .body("detail", containsString("line 1"));
    }

    @Test
    void labelingConfigWithEntitiesIsRefused() {
        String lol = "<!DOCTYPE v [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                + "<View><Labels name=\"l\" toName=\"t\"><Label value=\"&b;\"/></Labels><Text name=\"t\" value=\"$text\"/></View>";

        as(user).body(Map.of("name", unique("P"), "labelingConfig", lol)).post("/projects")
                .then().statusCode(422).contentType(PROBLEM).body("detail", containsString("DOCTYPE"));
    }

    @Test
    void aTenMegabyteBodyIsRefusedAsTooLarge() throws Exception {
        String huge = "{\"name\": \"" + "x".repeat(10 * 1024 * 1024) + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/projects"))
                .header("Authorization", TestTokens.bearer(user))
                .header("Content-Type", "application/json")
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString(huge))
                .build();

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(413, response.statusCode());
    }

    @Test
    void wrongContentTypeIsUnsupported() {
        as(user).contentType("text/csv").body("name\nx").post("/projects")
                .then().statusCode(415).contentType(PROBLEM);
    }

    @Test
    void aMalformedProjectIdIsNotFound() {
        as(user).get("/projects/not-a-uuid").then().statusCode(404).contentType(PROBLEM);
    }
}
