package org.annotationlab.project.labelingconfig;

import static org.annotationlab.project.Api.addMember;
import static org.annotationlab.project.Api.as;
import static org.annotationlab.project.Api.createProject;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.annotationlab.testing.LabInfra;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LabInfra.class)
class LabelingConfigResourceTest {

    static String config(String drugModel) {
        return "<View><Labels name=\"label\" toName=\"text\">"
                + "<Label value=\"DRUG\"" + (drugModel == null ? "" : " model=\"" + drugModel + "\"") + "/>"
                + "<Label value=\"PERSON\" model=\"ner_person_pretrained\"/>"
                + "<Label value=\"SYMPTOM\"/>"
                + "</Labels><Text name=\"text\" value=\"$text\"/></View>";
    }

    @Test
    void configBoundToPretrainedModelsIsStoredAndReadBack() {
        String id = createProject("olivia");
        String xml = "<View><Labels name=\"label\" toName=\"text\"><Label value=\"PERSON\" model=\"ner_person_pretrained\"/>"
                + "<Label value=\"SYMPTOM\"/></Labels><Text name=\"text\" value=\"$text\"/></View>";

        as("olivia").contentType("application/xml").body(xml).put("/projects/" + id + "/labeling-config")
                .then().statusCode(200)
                .body("labels.value", contains("PERSON", "SYMPTOM"))
                .body("labels[0].model", equalTo("ner_person_pretrained"))
                .body("labels[1].model", nullValue());

        as("olivia").get("/projects/" + id + "/labeling-config").then().statusCode(200).body("config", equalTo(xml));
        as("olivia").get("/projects/" + id).then().body("hasLabelingConfig", equalTo(true));
    }

    @Test
    void unknownModelIsRefusedNamingLabelAndModel() {
        String id = createProject("olivia");

        as("olivia").contentType("application/xml").body(config("clinical_notes_ner_v3"))
                .put("/projects/" + id + "/labeling-config")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("reason", equalTo("UNKNOWN_MODEL"))
                .body("errors[0].field", equalTo("Label[value=DRUG].model"))
                .body("detail", containsString("label DRUG is bound to model clinical_notes_ner_v3"));

        as("olivia").get("/projects/" + id + "/labeling-config").then().statusCode(404);
    }

    @Test
    void validationPreviewsAConfigWithoutStoringIt() {
        String id = createProject("olivia");

        as("olivia").contentType("text/xml").body(config(null))
                .post("/projects/" + id + "/labeling-config/validation")
                .then().statusCode(200).body("labels.value", contains("DRUG", "PERSON", "SYMPTOM"));
        // A label bound to a model that does not predict it: refused by the preview, not only by Deploy.
        as("olivia").contentType("text/xml").body(config("ner_person_pretrained"))
                .post("/projects/" + id + "/labeling-config/validation")
                .then().statusCode(422).body("reason", equalTo("LABEL_NOT_PREDICTED"))
                .body("errors.size()", equalTo(1))
                .body("errors[0].field", equalTo("Label[value=DRUG].model"))
                .body("detail", equalTo("label DRUG is bound to model ner_person_pretrained, which does not predict DRUG "
                        + "(it predicts PERSON)"));

        as("olivia").get("/projects/" + id + "/labeling-config").then().statusCode(404);
    }

    @Test
    void reviewersReadButCannotChangeTheConfig() {
        String id = createProject("olivia");
        addMember(id, "olivia", "rita", "REVIEWER");

        as("rita").contentType("application/xml").body(config(null))
                .put("/projects/" + id + "/labeling-config").then().statusCode(403);
    }
}
