package org.annotationlab.annotation.task.importing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.annotationlab.annotation.span.Span;

/**
 * CoNLL: {@code token<TAB>tag} or four columns ({@code token POS chunk tag}, tab or space
 * separated), sentences separated by blank lines, {@code -DOCSTART-} lines ignored. Each sentence
 * becomes a task whose text is its tokens joined by single spaces, and its BIO tags become gold
 * spans (an {@code I-} without a preceding {@code B-} of the same label starts a span, as in IOB1).
 * A sentence with a malformed line is one bad row, reported at that line.
 */
final class ConllTaskReader extends RowReader {

    private final BufferedReader lines;
    private final int maxTextLength;
    private long lineNumber;

    ConllTaskReader(InputStream body, int maxTextLength) {
        this(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)), maxTextLength);
    }

    private ConllTaskReader(BufferedReader lines, int maxTextLength) {
        super(lines);
        this.lines = lines;
        this.maxTextLength = maxTextLength;
    }

    @Override
    protected ImportRow readNext() throws IOException {
        StringBuilder text = new StringBuilder();
        List<Span> spans = new ArrayList<>();
        String error = null;
        long firstLine = -1;
        long errorLine = -1;
        int spanStart = -1;
        String spanLabel = null;
        String line;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                if (firstLine < 0) {
                    continue;
                }
                break;
            }
            if (line.startsWith("-DOCSTART-")) {
                continue;
            }
            if (firstLine < 0) {
                firstLine = lineNumber;
            }
            String[] columns = line.strip().split("[\t ]+");
            if (columns.length != 2 && columns.length != 4) {
                if (error == null) {
                    error = "expected token<TAB>tag or 4 columns, found " + columns.length;
                    errorLine = lineNumber;
                }
                continue;
            }
            String token = columns[0];
            String tag = columns[columns.length - 1];
            boolean begins = tag.startsWith("B-");
            boolean inside = tag.startsWith("I-");
            if (!tag.equals("O") && !begins && !inside && error == null) {
                error = "tag \"" + tag + "\" is not O, B-<label> or I-<label>";
                errorLine = lineNumber;
            }
            String label = begins || inside ? tag.substring(2) : null;
            if (spanLabel != null && (begins || !spanLabel.equals(label))) {
                spans.add(Span.of(spanStart, text.length(), spanLabel));
                spanLabel = null;
            }
            if (text.length() > 0) {
                text.append(' ');
            }
            if (label != null && spanLabel == null) {
                spanStart = text.length();
                spanLabel = label;
            }
            text.append(token);
        }
        if (firstLine < 0) {
            return null;
        }
        if (spanLabel != null) {
            spans.add(Span.of(spanStart, text.length(), spanLabel));
        }
        if (error != null) {
            return ImportRow.bad(errorLine, error);
        }
        if (text.length() > maxTextLength) {
            return ImportRow.bad(firstLine, "sentence longer than " + maxTextLength + " characters");
        }
        return ImportRow.task(firstLine, text.toString(), null, spans);
    }
}
