package org.annotationlab.nlprunner.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminationMessageTest {

    @Test
    void messageIsOneLineStartingWithTheOutcome() {
        assertEquals("INVALID_PARAMETERS: bad value here",
                TerminationMessage.format("INVALID_PARAMETERS", "bad value\n  here\r\n"));
    }

    @Test
    void veryLongMessagesAreCutToWhatKubernetesKeeps() {
        assertTrue(TerminationMessage.format("JOB_FAILED", "x".repeat(10_000)).length() <= 4000);
    }

    @Test
    void reportWritesTheLineToTheTerminationLogCreatingItsFolder(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("dev/termination-log");

        TerminationMessage.report("SUCCEEDED: ok", Optional.of(log), new PrintStream(new ByteArrayOutputStream()));

        assertEquals("SUCCEEDED: ok\n", Files.readString(log));
    }
}
