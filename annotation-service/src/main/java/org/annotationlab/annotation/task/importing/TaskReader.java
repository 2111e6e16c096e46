package org.annotationlab.annotation.task.importing;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;

/**
 * Reads an import body row by row, in constant memory, whatever its size. A malformed row is
 * returned as a bad row with its line number; a body that cannot be read further ends the import.
 */
public interface TaskReader extends Iterator<ImportRow>, Closeable {

    /** Opens the reader for a format: {@code json}, {@code text} or {@code conll}. */
    static TaskReader open(String format, InputStream body, int maxTextLength) throws IOException {
        return switch (format) {
            case "json" -> new JsonTaskReader(body, maxTextLength);
            case "text" -> new TextTaskReader(body, maxTextLength);
            case "conll" -> new ConllTaskReader(body, maxTextLength);
            default -> throw new IllegalArgumentException(format);
        };
    }
}
