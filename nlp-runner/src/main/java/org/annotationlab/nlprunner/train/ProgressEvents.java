package org.annotationlab.nlprunner.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

import org.annotationlab.training.contract.FailureReason;
import org.annotationlab.training.contract.Metrics;
import org.annotationlab.training.contract.ProgressEvent;
import org.annotationlab.training.contract.TrainingParameters;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * Writes a training run's {@link ProgressEvent}s, one JSON object per line, on stdout, and
 * appended to {@code --progress-file} when one is given: the file in the model store that
 * training-service follows, whether the run is a local process or a Kubernetes Job. Nothing else
 * may be written to this stream.
 */
public final class ProgressEvents {

    private final PrintStream out;
    private final ObjectWriter writer;
    private final Optional<Path> file;

    public ProgressEvents(PrintStream out, ObjectMapper json) {
        this(out, json, Optional.empty());
    }

    /** Also appends every event line to {@code file} (created with its parent folders). */
    public ProgressEvents(PrintStream out, ObjectMapper json, Optional<Path> file) {
        this.out = out;
        this.writer = json.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL).writer();
        this.file = file;
    }

    /** The run has validated its input and starts preparing embeddings and training. */
    public void started(String trainingSet, String output, TrainingParameters parameters, int trainSentences,
                        int validationSentences) {
        emit(ProgressEvent.started(now(), trainingSet, output, parameters, trainSentences, validationSentences));
    }

    /** One epoch is done. */
    public void epoch(int epoch, int epochs, double loss, double seconds) {
        emit(ProgressEvent.epoch(now(), epoch, epochs, loss, seconds));
    }

    /** Training is done; the held-out evaluation runs. */
    public void evaluating(int sentences) {
        emit(ProgressEvent.evaluating(now(), sentences));
    }

    /** The run succeeded with these metrics. */
    public void finished(Metrics metrics, String modelPath) {
        emit(ProgressEvent.finished(now(), metrics, modelPath));
    }

    /** The run failed. */
    public void failed(FailureReason reason, String message) {
        emit(ProgressEvent.failed(now(), reason, message));
    }

    private static String now() {
        return Instant.now().toString();
    }

    private synchronized void emit(ProgressEvent event) {
        String line;
        try {
            line = writer.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write progress event " + event, e);
        }
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
