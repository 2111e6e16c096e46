package org.annotationlab.project.settings;

import static org.annotationlab.project.Api.addMember;
import static org.annotationlab.project.Api.as;
import static org.annotationlab.project.Api.createProject;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.annotationlab.testing.LabInfra;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LabInfra.class)
class SettingsResourceTest {

    @Test
    void trainingDefaultsAreReplacedAndReadBack() {
        String id = createProject("olivia");
        Map<String, Object> defaults = Map.of("validationSplit", 0.1, "epochs", 2, "learningRate", 0.003,
                "decay", 0.0, "dropout", 0.4, "batchSize", 16);

        as("olivia").body(defaults).put("/projects/" + id + "/training-parameters").then().statusCode(200);

        as("olivia").get("/projects/" + id + "/training-parameters").then().statusCode(200)
                .body("epochs", equalTo(2)).body("batchSize", equalTo(16)).body("learningRate", equalTo(0.003f))
                .body("seed", equalTo(42));
    }

    /** A client written before a parameter existed leaves it out: it takes the default, not an error. */
    @Test
    void aParameterLeftOutTakesItsDefaultAndAnUnknownOneIsNamed() {
        String id = createProject("olivia");
        String path = "/projects/" + id + "/training-parameters";

        as("olivia").body(Map.of("epochs", 3, "seed", 7)).put(path).then().statusCode(200)
                .body("epochs", equalTo(3)).body("seed", equalTo(7)).body("batchSize", equalTo(8))
                .body("validationSplit", equalTo(0.2f));
        as("olivia").body(Map.of("epochs", 4, "epoch", 5)).put(path).then().statusCode(400)
                .body("reason", equalTo("UNKNOWN_FIELD")).body("errors.field", containsInAnyOrder("epoch"));

        as("olivia").get(path).then().statusCode(200).body("epochs", equalTo(3)).body("seed", equalTo(7));
    }

    @Test
    void outOfRangeParametersAreNamedFieldByField() {
        String id = createProject("olivia");
        Map<String, Object> bad = Map.of("validationSplit", 0.9, "epochs", 0, "learningRate", 0.0,
                "decay", 0.0, "dropout", 1.0, "batchSize", 8);

        as("olivia").body(bad).put("/projects/" + id + "/training-parameters").then().statusCode(422)
                .body("errors.field", containsInAnyOrder("dropout", "epochs", "learningRate", "validationSplit"));
    }

    /** Membership comes first: a non-member's invalid body gets the 404 that hides the project, not a 422. */
    @Test
    void aNonMembersBodyIsNeverLookedAt() {
        String id = createProject("olivia");
        as("eve").body(Map.of("validationSplit", 0.9, "epochs", 0)).put("/projects/" + id + "/training-parameters")
                .then().statusCode(404).body("reason", equalTo("NOT_FOUND"));
        as("eve").body("{\"epochs\": ").put("/projects/" + id + "/training-parameters")
                .then().statusCode(404).body("reason", equalTo("NOT_FOUND"));
    }

    /** Nothing is coerced: 2.5 or "3" epochs, 1e309, a key given twice, text after the object. */
    @Test
    void numbersAreReadStrictlyAndTheFieldIsNamed() {
        String id = createProject("olivia");
        String path = "/projects/" + id + "/training-parameters";
        String rest = "\"learningRate\": 0.003, \"decay\": 0.0, \"dropout\": 0.4, \"batchSize\": 16}";

        as("olivia").body("{\"validationSplit\": 0.1, \"epochs\": 2.5, " + rest).put(path)
                .then().statusCode(400).body("errors.field", containsInAnyOrder("epochs"));
        as("olivia").body("{\"validationSplit\": 0.1, \"epochs\": \"3\", " + rest).put(path)
                .then().statusCode(400).body("errors.field", containsInAnyOrder("epochs"));
        as("olivia").body("{\"validationSplit\": 1e309, \"epochs\": 3, " + rest).put(path)
                .then().statusCode(400).body("errors.field", containsInAnyOrder("validationSplit"));
        as("olivia").body("{\"validationSplit\": 0.1, \"epochs\": 3, \"epochs\": 4, " + rest).put(path)
                .then().statusCode(400).body("reason", equalTo("DUPLICATE_FIELD")).body("errors.field", containsInAnyOrder("epochs"));
        as("olivia").body("{\"validationSplit\": 0.1, \"epochs\": 3, " + rest + " garbage").put(path)
                .then().statusCode(400).body("reason", equalTo("MALFORMED_JSON"));

        as("olivia").get(path).then().statusCode(200).body("epochs", equalTo(10));
    }

    @Test
    void onlyOwnersAndManagersSwitchActiveLearning() {
        String id = createProject("olivia");
        addMember(id, "olivia", "rita", "REVIEWER");
        Map<String, Object> on = Map.of("enabled", true, "everyNCompletions", 20, "deployAfterTraining", false);

        as("rita").body(on).put("/projects/" + id + "/active-learning").then().statusCode(403);
        as("olivia").body(on).put("/projects/" + id + "/active-learning").then().statusCode(200)
                .body("enabled", equalTo(true)).body("everyNCompletions", equalTo(20));
        as("rita").get("/projects/" + id + "/active-learning").then().statusCode(200)
                .body("deployAfterTraining", equalTo(false));
        as("olivia").body(Map.of("enabled", true, "everyNCompletions", 0, "deployAfterTraining", true))
                .put("/projects/" + id + "/active-learning").then().statusCode(422)
                .body("errors[0].field", equalTo("everyNCompletions"));
    }
}
