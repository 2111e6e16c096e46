package org.annotationlab.nlprunner.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The human-readable {@code training.log} of a run (what GET /trainings/{id}/logs downloads):
 * parameters, data, embeddings, TF graph, per-epoch loss and time, the evaluation table. Each line
 * is mirrored to stderr so the Job's container log tells the same story.
 */
public final class TrainingLog implements AutoCloseable {

    private final BufferedWriter writer;
    private final PrintStream mirror;

    public TrainingLog(Path file, PrintStream mirror) throws IOException {
        this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.mirror = mirror;
    }

    /** Appends one timestamped line (or several, for a multi-line text such as a table). */
    public synchronized void line(String text) {
        String stamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        try {
            for (String line : text.split("\\R")) {
                writer.write(stamp + "  " + line + "\n");
                mirror.println("[nlp-runner] " + line);
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write training.log", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }
}
