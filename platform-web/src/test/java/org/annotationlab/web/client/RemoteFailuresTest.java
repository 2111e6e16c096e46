package org.annotationlab.web.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.ProcessingException;
import java.io.IOException;
import java.net.ConnectException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A server nobody answers for (refused connection, or 503 while it starts) is told apart from one
 * that answered about the request or failed while handling it; each failure reads as a few words.
 */
class RemoteFailuresTest {

    @Test
    void aRefusedConnectionOrANotReadyServerIsUnreachable() {
        assertTrue(RemoteFailures.unreachable(new ProcessingException(new ConnectException("Connection refused: /127.0.0.1:9"))));
        assertTrue(RemoteFailures.unreachable(RemoteProblems.of(503, "{\"detail\":\"no model is loaded yet\"}")));
    }

    @Test
    void anAnswerOrAFailureWhileHandlingIsNotUnreachable() {
        assertFalse(RemoteFailures.unreachable(RemoteProblems.of(500, "boom")));
        assertFalse(RemoteFailures.unreachable(RemoteProblems.of(422, "{\"detail\":\"too many texts\"}")));
        assertFalse(RemoteFailures.unreachable(new ProcessingException(new IOException("Connection was closed"))));
        assertFalse(RemoteFailures.unreachable(new TimeoutException("timed out")));
    }

    @Test
    void eachFailureIsDescribedInAFewWords() {
        assertEquals("answered 404 NOT_FOUND: project 1 not found",
                RemoteFailures.describe(RemoteProblems.of(404, "{\"reason\":\"NOT_FOUND\",\"detail\":\"project 1 not found\"}")));
        assertEquals("Connection refused: /127.0.0.1:9",
                RemoteFailures.describe(new ProcessingException(new ConnectException("Connection refused: /127.0.0.1:9"))));
        assertEquals("no answer in time", RemoteFailures.describe(new TimeoutException("AnnotationRestClient#tasks timed out")));
        assertTrue(RemoteFailures.describe(new CircuitBreakerOpenException("open")).contains("circuit open"));
    }
}
