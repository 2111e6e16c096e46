package org.annotationlab.web.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.pgclient.PgException;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.annotationlab.web.json.StrictJson;
import org.junit.jupiter.api.Test;

/**
 * Each kind of failure becomes the problem a client can act on: the field it names, the reason it
 * can switch on, the status; a failure nobody expected is a 500 that reveals nothing but an incident id.
 */
class ProblemMapperTest {

    record Span(Integer start, Integer end, String label) {
    }

    record Write(List<Span> spans, Boolean submit) {
    }

    private static final ProblemMapper MAPPER = new ProblemMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        new StrictJson().customize(JSON);
    }

    @Test
    void badJsonNamesTheField() {
        assertProblem(read("{\"spans\": [{\"start\": 0, \"end\": 3, \"lable\": \"Disease\"}]}"), 400, "UNKNOWN_FIELD",
                "spans[0].lable");
        assertProblem(read("{\"spans\": [{\"start\": 0.5, \"end\": 3, \"label\": \"Disease\"}]}"), 400, "MALFORMED_JSON",
                "spans[0].start");
        assertProblem(read("{\"spans\": [], \"submit\": \"yes\"}"), 400, "MALFORMED_JSON", "submit");
        assertProblem(read("{\"submit\": true, \"submit\": false}"), 400, "DUPLICATE_FIELD", "submit");
        Problem trailing = problem(MAPPER.unreadable(read("{\"spans\": []} garbage")));
        assertEquals("MALFORMED_JSON", trailing.reason());
    }

    @Test
    void whatTheDatabaseRefusedIsTheCallersProblemNotA500() {
        PgException taken = new PgException("duplicate key", "ERROR", "23505", "Key (name) exists");
        assertEquals(409, problem(MAPPER.unexpected(new IllegalStateException("wrapped", taken))).status());
        assertEquals("ALREADY_EXISTS", problem(MAPPER.unexpected(taken)).reason());
        assertEquals("CONCURRENT_UPDATE", problem(MAPPER.unexpected(new OptimisticLockException("stale"))).reason());
        Problem nul = problem(MAPPER.unexpected(new PgException("invalid byte sequence", "ERROR", "22021", null)));
        assertEquals(400, nul.status());
        assertEquals("UNSTORABLE_VALUE", nul.reason());
    }

    @Test
    void anUnexpectedFailureRevealsOnlyAnIncidentId() {
        Problem internal = problem(MAPPER.unexpected(new NullPointerException("secret table t_users column pw")));
        assertEquals(500, internal.status());
        assertTrue(internal.detail().matches("unexpected failure; incident [0-9a-f-]{36}"), internal.detail());
        assertFalse(internal.detail().contains("secret"));
    }

    @Test
    void aDomainFailureKeepsItsReasonAndFields() {
        Response response = MAPPER.problem(ProblemException.invalid("epochs", "must be at most 500"));
        Problem problem = problem(response);
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        assertEquals(422, problem.status());
        assertEquals("urn:annotationlab:problem:validation-failed", problem.type());
        assertEquals(List.of(new Problem.FieldError("epochs", "must be at most 500")), problem.errors());
    }

    private static JsonProcessingException read(String body) {
        return assertThrows(JsonProcessingException.class, () -> JSON.readValue(body, Write.class));
    }

    private static void assertProblem(JsonProcessingException failure, int status, String reason, String field) {
        Problem problem = problem(MAPPER.unreadable(failure));
        assertEquals(status, problem.status(), problem.toString());
        assertEquals(reason, problem.reason(), problem.toString());
        assertEquals(field, problem.errors().get(0).field(), problem.toString());
    }

    private static Problem problem(Response response) {
        return (Problem) response.getEntity();
    }
}
