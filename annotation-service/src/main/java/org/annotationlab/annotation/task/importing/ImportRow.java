package org.annotationlab.annotation.task.importing;

import java.util.List;
import org.annotationlab.annotation.completion.Span;

/**
 * One row read from an import: a task (text, optional meta JSON, optional gold spans), or the
 * reason the row at {@code line} cannot be imported.
 */
public record ImportRow(long line, String text, String meta, List<Span> spans, String error) {

    public static ImportRow task(long line, String text, String meta, List<Span> spans) {
        return new ImportRow(line, text, meta, spans, null);
    }

    public static ImportRow bad(long line, String error) {
        return new ImportRow(line, null, null, null, error);
    }

    public boolean isBad() {
        return error != null;
    }
}
