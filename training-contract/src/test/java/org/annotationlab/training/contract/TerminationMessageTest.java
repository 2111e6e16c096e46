package org.annotationlab.training.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TerminationMessageTest {

    @Test
    void aFailureIsOneLineWithItsReasonAndReadsBackAsThatReasonAndMessage() {
        String line = TerminationMessage.failed(FailureReason.INSUFFICIENT_DATA, "only 3\n  sentences\r\n");

        assertEquals("INSUFFICIENT_DATA: only 3 sentences", line);
        assertEquals(FailureReason.INSUFFICIENT_DATA, TerminationMessage.reason(line));
        assertEquals("only 3 sentences", TerminationMessage.detail(line));
    }

    @Test
    void anythingElseIsJobFailedWithTheWholeTextAsItsDetail() {
        assertEquals(FailureReason.JOB_FAILED, TerminationMessage.reason("OOMKilled"));
        assertEquals(FailureReason.JOB_FAILED, TerminationMessage.reason(null));
        assertEquals("OOMKilled", TerminationMessage.detail("OOMKilled"));
        assertEquals("the job ended without a message", TerminationMessage.detail(" "));
        assertEquals("trained on 20 sentences", TerminationMessage.detail(TerminationMessage.succeeded("trained on 20 sentences")));
    }

    @Test
    void veryLongMessagesAreCutToWhatKubernetesKeeps() {
        String line = TerminationMessage.failed(FailureReason.JOB_FAILED, "x".repeat(10_000));

        assertTrue(line.length() <= 4000 && line.endsWith("..."), line.length() + " characters");
        assertEquals(FailureReason.JOB_FAILED, TerminationMessage.reason(line));
    }

    @Test
    void exitCodesAreDistinctAndNotZero() {
        assertEquals(3, java.util.Arrays.stream(FailureReason.values()).mapToInt(FailureReason::exitCode).filter(c -> c != 0)
                .distinct().count());
    }
}
