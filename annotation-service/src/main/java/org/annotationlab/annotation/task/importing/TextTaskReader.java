package org.annotationlab.annotation.task.importing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.NoSuchElementException;

/** Plain text: one task per non-blank line. */
final class TextTaskReader implements TaskReader {

    private final BufferedReader lines;
    private final int maxTextLength;
    private long lineNumber;
    private ImportRow next;

    TextTaskReader(InputStream body, int maxTextLength) {
        this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        this.maxTextLength = maxTextLength;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                next = line.length() > maxTextLength
                        ? ImportRow.bad(lineNumber, "text longer than " + maxTextLength + " characters")
                        : ImportRow.task(lineNumber, line.strip(), null, null);
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ImportRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ImportRow row = next;
        next = null;
        return row;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
