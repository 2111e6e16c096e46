package org.annotationlab.annotation.task.importing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A JSON array of {@code {"text": "...", "meta": {...}}} objects, parsed one element at a time.
 * An element without a text, or with fields other than text and meta, is a bad row; broken JSON
 * ends the import with its line.
 */
final class JsonTaskReader implements TaskReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonParser parser;
    private final int maxTextLength;
    private ImportRow next;
    private boolean started;
    private boolean finished;

    JsonTaskReader(InputStream body, int maxTextLength) throws IOException {
        this.parser = new JsonFactory(MAPPER).createParser(body);
        this.maxTextLength = maxTextLength;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (finished) {
            return false;
        }
        try {
            if (!started) {
                started = true;
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    finished = true;
                    next = ImportRow.bad(line(), "the body must be a JSON array of tasks");
                    return true;
                }
            }
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY || token == null) {
                finished = true;
                return false;
            }
            long line = line();
            JsonNode element = MAPPER.readTree(parser);
            next = row(line, element);
            return true;
        } catch (JsonProcessingException e) {
            finished = true;
            next = ImportRow.bad(e.getLocation() == null ? line() : e.getLocation().getLineNr(),
                    "malformed JSON: " + e.getOriginalMessage());
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ImportRow row(long line, JsonNode element) {
        if (!element.isObject()) {
            return ImportRow.bad(line, "a task must be an object with a \"text\"");
        }
        for (Iterator<String> names = element.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("text") && !name.equals("meta")) {
                return ImportRow.bad(line, "unknown field \"" + name + "\" (a task has text and meta)");
            }
        }
        JsonNode text = element.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            return ImportRow.bad(line, "\"text\" must be a non-empty string");
        }
        if (text.asText().length() > maxTextLength) {
            return ImportRow.bad(line, "text longer than " + maxTextLength + " characters");
        }
        JsonNode meta = element.get("meta");
        if (meta != null && !meta.isObject() && !meta.isNull()) {
            return ImportRow.bad(line, "\"meta\" must be an object");
        }
        return ImportRow.task(line, text.asText(), meta == null || meta.isNull() ? null : meta.toString(), null);
    }

    private long line() {
        return parser.currentTokenLocation().getLineNr();
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
        parser.close();
    }
}
