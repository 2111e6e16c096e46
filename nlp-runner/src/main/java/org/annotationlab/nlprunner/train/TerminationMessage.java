package org.annotationlab.nlprunner.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one-line outcome of a run, {@code <REASON>: <message>} or {@code SUCCEEDED: <message>},
 * written to the file Kubernetes reads as the container's terminationMessagePath.
 */
public final class TerminationMessage {

    /** Kubernetes keeps at most 4096 bytes of a termination message. */
    private static final int MAX_LENGTH = 4000;

    private TerminationMessage() {
    }

    /** Formats the message on one line. */
    public static String format(String outcome, String message) {
        String line = outcome + ": " + message.replaceAll("\\s*\\R\\s*", " ").strip();
        return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 3) + "...";
    }

    /** Prints the line to stderr and writes it to the termination log when one was given. */
    public static void report(String line, Optional<Path> terminationLog, PrintStream stderr) {
        stderr.println(line);
        terminationLog.ifPresent(path -> {
            try {
                if (path.getParent() != null) {
                    Files.createDirectories(path.getParent());
                }
                Files.writeString(path, line + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                stderr.println("cannot write termination message to " + path + ": " + e.getMessage());
            }
        });
    }
}
