package org.annotationlab.annotation.task.importing;

import java.util.List;
import org.annotationlab.annotation.completion.Span;

/**
 * One row read from an import: a task (text, optional meta JSON, optional gold spans), or the
 * reason the row at {@code line} cannot be imported. A broken row ({@code endsImport}) is where the
 * body itself stops making sense (malformed JSON): nothing after it can be read, so it fails the
 * import even when bad rows are skipped.
 */
public record ImportRow(long line, String text, String meta, List<Span> spans, String error, boolean endsImport) {

    public static ImportRow task(long line, String text, String meta, List<Span> spans) {
        return new ImportRow(line, text, meta, spans, null, false);
    }

    public static ImportRow bad(long line, String error) {
        return new ImportRow(line, null, null, null, error, false);
    }

    public static ImportRow broken(long line, String error) {
        return new ImportRow(line, null, null, null, error, true);
    }

    public boolean isBad() {
        return error != null;
    }
}
