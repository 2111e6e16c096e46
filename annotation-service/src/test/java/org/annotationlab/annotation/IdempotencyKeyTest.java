package org.annotationlab.annotation;

import static org.annotationlab.annotation.Lab.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.annotationlab.testing.Concurrently;
import org.annotationlab.testing.LabInfra;
import org.junit.jupiter.api.Test;

/**
 * A client that retries a creating request with its Idempotency-Key gets the first answer and
 * never a second write — whether the first answer was lost or the retries race it.
 */
@QuarkusTest
@QuarkusTestResource(LabInfra.class)
class IdempotencyKeyTest {

    private static final String KEY = "Idempotency-Key";

    @Test
    void aSubmitSentManyTimesWithOneKeyIsStoredOnce() {
        UUID project = Lab.project("Disease");
        String task = Lab.importTasks(project, "text", "Familial gout").get(0);
        Lab.assign(project, List.of(task), "anna", "rita");
        String completions = "/projects/" + project + "/tasks/" + task + "/completions";
        Map<String, Object> gout = Map.of("spans", List.of(Map.of("start", 9, "end", 13, "label", "Disease")),
                "submit", true);

        List<Response> answers = Concurrently.results(10, () -> as("anna").header(KEY, "submit-1").body(gout)
                .post(completions));

        System.out.println("10 submits with one key at once: " + replayed(answers) + " answered from the store");
        Set<String> ids = answers.stream().map(a -> a.statusCode() + " " + a.path("id")).collect(Collectors.toSet());
        assertEquals(1, ids.size(), "every client got the same 201: " + ids);
        String id = answers.get(0).path("id");
        assertEquals("201 " + id, ids.iterator().next());
        assertEquals(1, as("olivia").get(completions).then().statusCode(200).extract().jsonPath().getList("id").size(),
                "one completion stored");
        List<String> history = as("olivia").get("/projects/" + project + "/completions/" + id + "/history")
                .then().extract().jsonPath().getList("action");
        assertEquals(List.of("CREATED", "SUBMITTED"), history);

        // Later, the same retry: the stored answer, marked as such.
        as("anna").header(KEY, "submit-1").body(gout).post(completions).then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(id)).body("submitted", equalTo(true))
                .body("spans[0].label", equalTo("Disease"));
        // The same request written another way (fields in another order) is the same request.
        as("anna").header(KEY, "submit-1").body("{\"submit\": true, \"spans\": [{\"label\": \"Disease\", \"end\": 13,"
                + " \"start\": 9}]}").post(completions).then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(id));
        // The same key with another body is a client's mistake, not a retry.
        as("anna").header(KEY, "submit-1").body(Map.of("spans", List.of(), "submit", true)).post(completions).then()
                .statusCode(422).body("reason", equalTo("IDEMPOTENCY_KEY_REUSED")).body("errors.field", hasItem(KEY));
        // A key is its caller's own: olivia's "submit-1" is another request.
        String olivias = as("olivia").header(KEY, "submit-1").body(gout).post(completions).then().statusCode(201)
                .extract().path("id");
        assertNotEquals(id, olivias);
        // A draft is retried the same way; a request without a key is an ordinary one.
        Map<String, Object> draft = Map.of("spans", List.of(), "submit", false);
        String first = as("anna").header(KEY, "draft-1").body(draft).post(completions).then().statusCode(201)
                .extract().header("Idempotent-Replayed");
        assertNull(first);
        String again = as("anna").header(KEY, "draft-1").body(draft).post(completions).then().statusCode(201)
                .header("Idempotent-Replayed", "true").extract().path("id");
        assertNotEquals(id, again);
        as("anna").body(draft).post(completions).then().statusCode(201);
        assertEquals(4, as("olivia").get(completions).jsonPath().getList("id").size(),
                "anna's submit, olivia's, anna's keyed draft once, her draft without a key");

        as("anna").header(KEY, "has space").body(gout).post(completions).then().statusCode(400)
                .body("errors.field", hasItem(KEY));
        as("anna").header(KEY, "k".repeat(256)).body(gout).post(completions).then().statusCode(400)
                .body("errors.field", hasItem(KEY));
    }

    @Test
    void anImportSentManyTimesWithOneKeyImportsOnce() {
        UUID project = Lab.project("Disease");
        String path = "/projects/" + project + "/tasks/import?format=text&tag=batch-1";

        List<Response> answers = Concurrently.results(5, () -> as("olivia").contentType("text/plain")
                .header(KEY, "import-1").body("gout\nasthma\ncolitis\n").post(path));

        System.out.println("5 imports with one key at once: " + replayed(answers) + " answered from the store");
        assertEquals(Set.of(200), answers.stream().map(Response::statusCode).collect(Collectors.toSet()));
        answers.forEach(a -> assertEquals(3, (int) a.path("imported")));
        as("olivia").get("/projects/" + project + "/tasks").then().statusCode(200).body("total", equalTo(3));
        as("olivia").contentType("text/plain").header(KEY, "import-1").body("gout\nasthma\ncolitis\n").post(path)
                .then().statusCode(200).header("Idempotent-Replayed", "true").body("imported", equalTo(3));
        // Another file, or another query, under the same key is another request.
        as("olivia").contentType("text/plain").header(KEY, "import-1").body("gout\nasthma\nfever\n").post(path)
                .then().statusCode(422).body("reason", equalTo("IDEMPOTENCY_KEY_REUSED"));
        as("olivia").contentType("text/plain").header(KEY, "import-1").body("gout\n").post(path + "&skipBadRows=true")
                .then().statusCode(422).body("reason", equalTo("IDEMPOTENCY_KEY_REUSED"));
        as("olivia").get("/projects/" + project + "/tasks").then().body("total", equalTo(3));
    }

    private static long replayed(List<Response> answers) {
        return answers.stream().filter(a -> "true".equals(a.header("Idempotent-Replayed"))).count();
    }
}
