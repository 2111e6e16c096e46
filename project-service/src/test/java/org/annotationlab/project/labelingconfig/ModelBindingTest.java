package org.annotationlab.project.labelingconfig;

import static org.annotationlab.project.Api.addMember;
import static org.annotationlab.project.Api.as;
import static org.annotationlab.project.Api.createProject;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.annotationlab.project.Api;
import org.annotationlab.testing.LabInfra;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md §3's rewrite when a trained model is deployed — every label the new model predicts
 * that is not bound to a pretrained model is bound to it; the others keep their binding and are
 * named — on a config mixing unbound labels, a trained binding, a configured pretrained model and
 * a pretrained model registered by deploy-service's catalog; choosing one label's model through
 * the same validation; and another project's model, which no path may bind.
 */
@QuarkusTest
@QuarkusTestResource(LabInfra.class)
class ModelBindingTest {

    @Test
    void newModelReplacesAllButPretrainedBindings() {
        String projectId = createProject("olivia");
        addMember(projectId, "olivia", "anna", "ANNOTATOR");
        long n = System.nanoTime();
        String v1 = "mix_ner_v1_" + n;
        String v2 = "mix_ner_v2_" + n;
        String catalog = "catalog_genes_" + n;
        Api.registerModel(projectId, v1, false, "Disease", "Chemical");
        Api.registerModel(projectId, v2, false, "Disease");
        Api.registerModel(null, catalog, true, "Gene");
        String xml = "<View><Header value=\"Mixed\"/><Labels name=\"label\" toName=\"text\">"
                + "<Label value=\"Disease\"/>"
                + "<Label value=\"Chemical\" model=\"" + v1 + "\"/>"
                + "<Label value=\"PERSON\" model=\"ner_person_pretrained\"/>"
                + "<Label value=\"Gene\" model=\"" + catalog + "\"/>"
                + "</Labels><Text name=\"text\" value=\"$text\"/></View>";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                as("olivia").contentType("application/xml").body(xml).put("/projects/" + projectId + "/labeling-config")
                        .statusCode() == 200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                as("olivia").body(Map.of("model", v2)).post("/projects/" + projectId + "/labeling-config/model-bindings")
                        .statusCode() == 200);

        // v2 predicts Disease only: Chemical keeps v1, and the answer says so.
        assertEquals(Map.of("Disease", v2, "Chemical", v1, "PERSON", "ner_person_pretrained", "Gene", catalog), bindings(projectId));
        as("olivia").body(Map.of("model", v1)).post("/projects/" + projectId + "/labeling-config/model-bindings")
                .then().statusCode(200).body("notPredicted", equalTo(List.of()));
        assertEquals(Map.of("Disease", v1, "Chemical", v1, "PERSON", "ner_person_pretrained", "Gene", catalog), bindings(projectId));
        as("olivia").body(Map.of("model", v2)).post("/projects/" + projectId + "/labeling-config/model-bindings")
                .then().statusCode(200).body("notPredicted", equalTo(List.of("Chemical")));
        as("olivia").get("/projects/" + projectId + "/labeling-config").then().statusCode(200)
                .body("config", containsString("<Header value=\"Mixed\"/>"))
                .body("config", containsString("<Text name=\"text\" value=\"$text\"/>"));

        // An unknown model changes nothing.
        as("olivia").body(Map.of("model", "nobody_ner_v9")).post("/projects/" + projectId + "/labeling-config/model-bindings")
                .then().statusCode(422).body("reason", equalTo("UNKNOWN_MODEL"));
        as("olivia").body(Map.of("model", "")).post("/projects/" + projectId + "/labeling-config/model-bindings")
                .then().statusCode(422);
        as("anna").body(Map.of("model", v1)).post("/projects/" + projectId + "/labeling-config/model-bindings")
                .then().statusCode(403);

        // One label on demand: a model that does not predict it, bind, unbind, unknown label, unknown model.
        as("olivia").body(Map.of("model", v1)).put("/projects/" + projectId + "/labels/PERSON/model").then().statusCode(422)
                .body("reason", equalTo("LABEL_NOT_PREDICTED")).body("errors[0].field", equalTo("Label[value=PERSON].model"))
                .body("errors[0].message", containsString(v1 + ", which does not predict PERSON"));
        as("olivia").body(Map.of("model", v1)).put("/projects/" + projectId + "/labels/Disease/model").then().statusCode(200);
        Map<String, Object> unbind = new HashMap<>();
        unbind.put("model", null);
        as("olivia").body(unbind).put("/projects/" + projectId + "/labels/Gene/model").then().statusCode(200);
        Map<String, String> expected = new HashMap<>(Map.of("Disease", v1, "Chemical", v1, "PERSON", "ner_person_pretrained"));
        expected.put("Gene", null);
        assertEquals(expected, bindings(projectId));
        as("olivia").body(Map.of("model", v1)).put("/projects/" + projectId + "/labels/Symptom/model").then().statusCode(404);
        as("olivia").body(Map.of("model", "nobody_ner_v9")).put("/projects/" + projectId + "/labels/Disease/model")
                .then().statusCode(422).body("reason", equalTo("UNKNOWN_MODEL"));
    }

    @Test
    void anotherProjectsModelIsRefusedOnEveryPathAsIfUnknown() {
        String mine = createProject("olivia");
        String theirs = createProject("oscar");
        String other = "theirs_ner_v1_" + System.nanoTime();
        Api.registerModel(theirs, other, false, "Disease");
        String xml = "<View><Labels name=\"label\" toName=\"text\"><Label value=\"Disease\"/></Labels>"
                + "<Text name=\"text\" value=\"$text\"/></View>";
        as("olivia").contentType("application/xml").body(xml).put("/projects/" + mine + "/labeling-config").then().statusCode(200);
        String bound = xml.replace("<Label value=\"Disease\"/>", "<Label value=\"Disease\" model=\"" + other + "\"/>");
        // Where the model is known (its owner project accepts it), the other project still refuses it.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                as("oscar").contentType("application/xml").body(bound).put("/projects/" + theirs + "/labeling-config")
                        .statusCode() == 200);
        as("olivia").contentType("application/xml").body(bound).put("/projects/" + mine + "/labeling-config").then()
                .statusCode(422).body("reason", equalTo("UNKNOWN_MODEL"))
                .body("errors[0].field", equalTo("Label[value=Disease].model"))
                .body("errors[0].message", containsString("not a model of this project or of the pretrained catalog"));
        as("olivia").contentType("application/xml").body(bound).post("/projects/" + mine + "/labeling-config/validation")
                .then().statusCode(422).body("reason", equalTo("UNKNOWN_MODEL"));
        as("olivia").body(Map.of("model", other)).post("/projects/" + mine + "/labeling-config/model-bindings")
                .then().statusCode(422).body("reason", equalTo("UNKNOWN_MODEL"));
        as("olivia").body(Map.of("model", other)).put("/projects/" + mine + "/labels/Disease/model")
                .then().statusCode(422).body("reason", equalTo("UNKNOWN_MODEL"));
        assertEquals(java.util.Collections.singletonMap("Disease", null), bindings(mine));
    }

    private static Map<String, String> bindings(String projectId) {
        List<Map<String, String>> labels = as("olivia").get("/projects/" + projectId + "/labeling-config").then().statusCode(200)
                .extract().jsonPath().getList("labels");
        Map<String, String> bindings = new HashMap<>();
        labels.forEach(l -> bindings.put(l.get("value"), l.get("model")));
        return bindings;
    }
}
