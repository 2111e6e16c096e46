package org.annotationlab.nlprunner.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a training run's progress as one JSON object per line (started, epoch, evaluating,
 * finished, failed) on stdout, and appended to {@code --progress-file} when one is given: the
 * file in the model store that training-service follows, whether the run is a local process or a
 * Kubernetes Job. Nothing else may be written to this stream.
 */
public final class ProgressEvents {

    private final PrintStream out;
    private final ObjectMapper json;
    private final Optional<Path> file;

    public ProgressEvents(PrintStream out, ObjectMapper json) {
        this(out, json, Optional.empty());
    }

    /** Also appends every event line to {@code file} (created with its parent folders). */
    public ProgressEvents(PrintStream out, ObjectMapper json, Optional<Path> file) {
        this.out = out;
        this.json = json;
        this.file = file;
    }

    /** A new event object of the given type, to be filled and then {@link #emit emitted}. */
    public ObjectNode event(String type) {
        ObjectNode event = json.createObjectNode();
        event.put("event", type);
        event.put("time", Instant.now().toString());
        return event;
    }

    /** The run has validated its input and starts preparing embeddings and training. */
    public void started(ObjectNode details) {
        emit(event("started").setAll(details));
    }

    /** One epoch is done. */
    public void epoch(int epoch, int epochs, double loss, double seconds) {
        ObjectNode event = event("epoch");
        event.put("epoch", epoch);
        event.put("epochs", epochs);
        event.put("loss", loss);
        event.put("seconds", seconds);
        emit(event);
    }

    /** Training is done; the held-out evaluation runs. */
    public void evaluating(int sentences) {
        emit(event("evaluating").put("sentences", sentences));
    }

    /** The run succeeded with these metrics. */
    public void finished(ObjectNode metrics, String modelPath) {
        ObjectNode event = event("finished");
        event.set("metrics", metrics);
        event.put("model", modelPath);
        emit(event);
    }

    /** The run failed. */
    public void failed(FailureReason reason, String message) {
        emit(event("failed").put("reason", reason.name()).put("message", message));
    }

    private synchronized void emit(ObjectNode event) {
        String line = event.toString();
        out.println(line);
        out.flush();
        file.ifPresent(path -> append(path, line));
    }

    private static void append(Path path, String line) {
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            Files.writeString(path, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // Progress is for watchers; the run itself goes on and its outcome is still reported.
            System.err.println("cannot append progress to " + path + ": " + e.getMessage());
        }
    }
}
