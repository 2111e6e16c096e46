package org.annotationlab.nlprunner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.annotationlab.nlprunner.train.TrainCommand;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What an in-process {@code train} run produced: exit code, stdout events, termination message.
 * Every run also writes a {@code --progress-file}, which must hold exactly the stdout lines.
 */
public record RunResult(int exitCode, List<JsonNode> events, String terminationMessage) {

    /** Runs {@code train} with the arguments plus a termination log in {@code dir}. */
    public static RunResult train(Path dir, String... args) throws IOException {
        Path terminationLog = dir.resolve("dev/termination-log"); // its folder is created by the run
        Path progressFile = dir.resolve("progress/events.jsonl");
        Files.deleteIfExists(progressFile);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--termination-log", terminationLog.toString(), "--progress-file", progressFile.toString()));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int exitCode = new TrainCommand(new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err).run(all);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : stdout.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                events.add(json.readTree(line)); // fails the test if stdout holds anything but JSON
            }
        }
        List<String> stdoutLines = stdout.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        List<String> fileLines = Files.exists(progressFile) ? Files.readAllLines(progressFile) : List.of();
        if (!fileLines.equals(stdoutLines)) {
            throw new AssertionError("--progress-file holds " + fileLines + " but stdout had " + stdoutLines);
        }
        String message = Files.exists(terminationLog) ? Files.readString(terminationLog) : null;
        return new RunResult(exitCode, events, message);
    }

    /** The last event (the outcome). */
    public JsonNode lastEvent() {
        return events.get(events.size() - 1);
    }
}
