package org.annotationlab.nlprunner.train;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Follows the log file NerDL appends to while it trains (one line per event, the file is
 * reopened for every line) and hands each complete new line to a consumer. This is the only
 * per-epoch signal NerDL gives to a caller, so progress events are derived from it.
 */
final class NerDlLogTailer implements AutoCloseable {

    private static final long POLL_MILLIS = 250;

    private final Path file;
    private final Consumer<String> lines;
    private final Thread thread;
    private volatile boolean running = true;
    private long position;
    private final StringBuilder partial = new StringBuilder();

    NerDlLogTailer(Path file, Consumer<String> lines) {
        this.file = file;
        this.lines = lines;
        this.thread = new Thread(this::follow, "nerdl-log-tailer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void follow() {
        while (running) {
            readNewLines();
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void readNewLines() {
        if (!Files.exists(file)) {
            return;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            if (in.length() <= position) {
                return;
            }
            in.seek(position);
            byte[] bytes = new byte[(int) (in.length() - position)];
            in.readFully(bytes);
            position += bytes.length;
            partial.append(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return; // the file is being rewritten; the next poll reads it
        }
        int newline;
        while ((newline = partial.indexOf("\n")) >= 0) {
            String line = partial.substring(0, newline).strip();
            partial.delete(0, newline + 1);
            if (!line.isEmpty()) {
                lines.accept(line);
            }
        }
    }

    /** Stops following after reading whatever the file holds now. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        readNewLines();
    }
}
