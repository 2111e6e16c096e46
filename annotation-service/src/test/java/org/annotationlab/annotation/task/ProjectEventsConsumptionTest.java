package org.annotationlab.annotation.task;

import static org.annotationlab.annotation.Lab.as;
import static org.annotationlab.annotation.Lab.importTasks;
import static org.annotationlab.annotation.Lab.project;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.annotation.Lab;
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
    void aRemovedMemberLosesAccessAndADuplicateEventChangesNothing() {
        UUID project = project(Map.of("olivia", ProjectRole.OWNER, "max", ProjectRole.MANAGER), "Disease");
        MemberAdded again = new MemberAdded(project, "max", ProjectRole.MANAGER);

        Lab.publish(again, new MemberRemoved(project, "max"));

        await().atMost(Duration.ofSeconds(30)).until(() ->
                as("max").get("/projects/" + project + "/tasks").statusCode() == 404);
        as("olivia").get("/projects/" + project + "/tasks").then().statusCode(200);
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
                .body("total", org.hamcrest.Matchers.equalTo(0));
    }
}
