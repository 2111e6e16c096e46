package org.annotationlab.nlprunner.conll;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CoNLL-style training sets: one token per line, the token in the first column and its
 * BIO tag in the last, sentences separated by blank lines. Both the two-column
 * {@code token<TAB>tag} form and the four-column CoNLL-2003 form that annotation-service
 * exports ({@code token POS chunk tag}) are accepted; {@code -DOCSTART-} lines separate
 * documents and are skipped. Columns are split on tabs when the line has one, else on spaces.
 */
public final class ConllParser {

    private static final String DOCUMENT_START = "-DOCSTART-";

    /** Parses a file in UTF-8. */
    public List<ConllSentence> parse(Path file) throws IOException, ConllFormatException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader);
        } catch (UncheckedIOException e) {
            throw new ConllFormatException(0, "not UTF-8 text (" + e.getCause().getMessage() + ")");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ConllFormatException(0, "not UTF-8 text");
        }
    }

    /** Parses CoNLL text; the reader is not closed. */
    public List<ConllSentence> parse(Reader source) throws IOException, ConllFormatException {
        BufferedReader reader = source instanceof BufferedReader b ? b : new BufferedReader(source);
        List<ConllSentence> sentences = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        int lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank() || line.startsWith(DOCUMENT_START)) {
                flush(tokens, tags, sentences);
                continue;
            }
            String[] columns = columns(line);
            if (columns.length < 2) {
                throw new ConllFormatException(lineNumber,
                        "expected a token and a tag separated by a tab or spaces, got '" + abbreviate(line) + "'");
            }
            String tag = columns[columns.length - 1];
            if (!BioTags.isValid(tag)) {
                throw new ConllFormatException(lineNumber,
                        "'" + abbreviate(tag) + "' is not a BIO tag (expected O, B-<label> or I-<label>)");
            }
            tokens.add(columns[0]);
            tags.add(tag);
        }
        flush(tokens, tags, sentences);
        return sentences;
    }

    private static String[] columns(String line) {
        String trimmed = line.strip();
        return trimmed.indexOf('\t') >= 0 ? trimmed.split("\\s*\\t\\s*") : trimmed.split("\\s+");
    }

    private static void flush(List<String> tokens, List<String> tags, List<ConllSentence> sentences) {
        if (!tokens.isEmpty()) {
            sentences.add(new ConllSentence(tokens, tags));
            tokens.clear();
            tags.clear();
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
