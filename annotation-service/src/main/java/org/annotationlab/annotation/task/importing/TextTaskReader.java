package org.annotationlab.annotation.task.importing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Plain text: one task per non-blank line. */
final class TextTaskReader extends RowReader {

    private final BufferedReader lines;
    private final int maxTextLength;
    private long lineNumber;

    TextTaskReader(InputStream body, int maxTextLength) {
        this(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)), maxTextLength);
    }

    private TextTaskReader(BufferedReader lines, int maxTextLength) {
        super(lines);
        this.lines = lines;
        this.maxTextLength = maxTextLength;
    }

    @Override
    protected ImportRow readNext() throws IOException {
        String line;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            if (!line.isBlank()) {
                return line.length() > maxTextLength
                        ? ImportRow.bad(lineNumber, "text longer than " + maxTextLength + " characters")
                        : ImportRow.task(lineNumber, line.strip(), null, null);
            }
        }
        return null;
    }
}
