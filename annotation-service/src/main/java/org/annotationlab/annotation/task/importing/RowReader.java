package org.annotationlab.annotation.task.importing;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;

/** The iterator plumbing of every {@link TaskReader}: a format only says how to read its next row. */
abstract class RowReader implements TaskReader {

    private final Closeable source;
    private ImportRow next;

    RowReader(Closeable source) {
        this.source = source;
    }

    /** The next row, or {@code null} at the end of the body. */
    protected abstract ImportRow readNext() throws IOException;

    @Override
    public final boolean hasNext() {
        if (next == null) {
            try {
                next = readNext();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return next != null;
    }

    @Override
    public final ImportRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ImportRow row = next;
        next = null;
        return row;
    }

    @Override
    public final void close() throws IOException {
        source.close();
    }
}
