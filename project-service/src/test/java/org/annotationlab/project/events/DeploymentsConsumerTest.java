package org.annotationlab.project.events;

import static org.annotationlab.project.Api.as;
import static org.annotationlab.project.Api.createProject;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.annotationlab.project.Api;
import org.annotationlab.testing.LabInfra;
import org.junit.jupiter.api.Test;

/** A model registered by deploy-service (an event on the real broker) becomes usable in labeling configs. */
@QuarkusTest
@QuarkusTestResource(LabInfra.class)
class DeploymentsConsumerTest {

    @Test
    void aRegisteredModelMayBeBoundOnceItsEventArrives() throws Exception {
        String projectId = createProject("olivia");
        String model = "demo_ner_v" + System.nanoTime();
        String xml = "<View><Labels name=\"label\" toName=\"text\"><Label value=\"Disease\" model=\"" + model + "\"/>"
                + "</Labels><Text name=\"text\" value=\"$text\"/></View>";
        as("olivia").contentType("application/xml").body(xml).put("/projects/" + projectId + "/labeling-config")
                .then().statusCode(422);

        Api.registerModel(projectId, model, false, "Disease");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                as("olivia").contentType("application/xml").body(xml).put("/projects/" + projectId + "/labeling-config")
                        .statusCode() == 200);
    }
}
