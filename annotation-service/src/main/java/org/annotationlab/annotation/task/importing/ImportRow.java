package org.annotationlab.annotation.task.importing;

import java.util.List;
import org.annotationlab.annotation.span.Span;

/**
 * One row read from an import: a task (text, optional meta JSON, optional gold spans), or the
 * reason the row at {@code line} cannot be imported. A broken row ({@code endsImport}) is where the
 * body itself stops making sense (malformed JSON): nothing after it can be read, so it fails the
 * import even when bad rows are skipped.
 */
public record ImportRow(long line, String text, String meta, List<Span> spans, String error, boolean endsImport) {

    /** A task row; a bad row when its text or metadata holds a NUL character, which PostgreSQL cannot store. */
    public static ImportRow task(long line, String text, String meta, List<Span> spans) {
        if (text.indexOf('\u0000') >= 0) {
            return bad(line, "the text contains a NUL character (\\u0000), which cannot be stored");
        }
        if (meta != null && (meta.indexOf('\u0000') >= 0 || meta.contains("\\u0000"))) {
            return bad(line, "the metadata contains a NUL character (\\u0000), which cannot be stored");
        }
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
