package org.annotationlab.annotation.task;

import static org.annotationlab.annotation.Lab.as;
import static org.annotationlab.annotation.Lab.importTasks;
import static org.annotationlab.annotation.Lab.project;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.annotation.Lab;
import org.annotationlab.events.project.LabelingConfigChanged;
import org.annotationlab.events.project.MemberAdded;
import org.annotationlab.events.project.MemberRemoved;
import org.annotationlab.events.project.ProjectDeleted;
import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.testing.LabInfra;
import org.junit.jupiter.api.Test;

/** Membership and deletion follow project-service's events. */
@QuarkusTest
@QuarkusTestResource(LabInfra.class)
class ProjectEventsConsumptionTest {

    @Test
    void aRemovedMemberLosesAccessAndARedeliveredEventChangesNothing() {
        UUID project = project(Map.of("olivia", ProjectRole.OWNER), "Disease");
        List<Lab.Published> added = Lab.publish(new MemberAdded(project, "max", ProjectRole.MANAGER));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                as("max").get("/projects/" + project + "/tasks").statusCode() == 200);

        Lab.publish(new MemberRemoved(project, "max"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                as("max").get("/projects/" + project + "/tasks").statusCode() == 404);

        // The broker delivers the old MemberAdded again (same id): it must not bring max back. The
        // event after it, on the same partition, shows the redelivery has been consumed.
        Lab.redeliver(added);
        Lab.publish(new MemberAdded(project, "zoe", ProjectRole.ANNOTATOR));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                as("zoe").get("/projects/" + project + "/tasks").statusCode() == 200);
        as("max").get("/projects/" + project + "/tasks").then().statusCode(404);
        as("olivia").get("/projects/" + project + "/tasks").then().statusCode(200);
    }

    @Test
    void aNewLabelingConfigDecidesWhichLabelsSpansMayUse() {
        UUID project = project("Disease");
        String completions = "/projects/" + project + "/tasks/" + importTasks(project, "text", "gout\n").get(0)
                + "/completions";
        Map<String, Object> drug = Map.of("spans", List.of(Map.of("start", 0, "end", 4, "label", "Drug")));

        as("olivia").body(drug).post(completions).then().statusCode(422);
        Lab.publish(new LabelingConfigChanged(project, List.of(new LabelingConfigChanged.LabelBinding("Drug", null)),
                "<View/>"));
        await().atMost(Duration.ofSeconds(30)).until(() -> as("olivia").body(drug).post(completions).statusCode() == 201);
        as("olivia").body(Map.of("spans", List.of(Map.of("start", 0, "end", 4, "label", "Disease"))))
                .post(completions).then().statusCode(422).body("errors[0].field", equalTo("spans[0].label"));
    }

    @Test
    void deletingAProjectRemovesItsTasksAndMemberships() {
        UUID project = project("Disease");
        importTasks(project, "text", "gout\nasthma\n");

        Lab.publish(new ProjectDeleted(project));

        await().atMost(Duration.ofSeconds(30)).until(() ->
                as("olivia").get("/projects/" + project + "/tasks").statusCode() == 404);
        io.restassured.RestAssured.given()
                .header("Authorization", org.annotationlab.testing.TestTokens.bearer("root", "admin"))
                .get("/projects/" + project + "/tasks").then().statusCode(200)
                .body("total", equalTo(0));
    }
}
