package org.annotationlab.web.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Another service's answer of 400 or more becomes one of two exceptions: a refusal (4xx, an answer
 * about the request, never retried) or a problem (5xx, a failure of that service), each with the
 * reason and detail its problem+json gave.
 */
class RemoteProblemsTest {

    @Test
    void aConflictIsARefusalWithItsReasonAndDetail() {
        RemoteProblem problem = RemoteProblems.of(409,
                "{\"type\":\"about:blank\",\"status\":409,\"reason\":\"TRAINING_IN_PROGRESS\",\"detail\":\"run 7 is queued\"}");

        assertInstanceOf(RemoteRefusal.class, problem);
        assertEquals(409, problem.status());
        assertEquals("TRAINING_IN_PROGRESS", problem.reason());
        assertEquals("run 7 is queued", problem.detail());
        assertEquals("answered 409 TRAINING_IN_PROGRESS: run 7 is queued", problem.getMessage());
    }

    @Test
    void aServerErrorIsAProblemNotARefusal() {
        RemoteProblem problem = RemoteProblems.of(503, "{\"title\":\"Not ready\",\"detail\":\"no model is loaded yet\"}");

        assertFalse(problem instanceof RemoteRefusal);
        assertEquals(503, problem.status());
        assertNull(problem.reason());
        assertEquals("no model is loaded yet", problem.detail());
    }

    @Test
    void aBodyThatIsNotProblemJsonIsTheDetailAsItCame() {
        assertEquals("Bad Gateway", RemoteProblems.of(502, "Bad Gateway").detail());
        assertEquals("[1,2]", RemoteProblems.of(400, "[1,2]").detail());
        assertEquals("", RemoteProblems.of(404, "").detail());
    }

    @Test
    void aLongDetailIsShortenedInTheMessageOnly() {
        String detail = "x".repeat(1000);

        RemoteProblem problem = RemoteProblems.of(500, detail);

        assertEquals(detail, problem.detail());
        assertTrue(problem.getMessage().length() < 320, problem.getMessage());
    }
}
