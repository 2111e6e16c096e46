package org.annotationlab.annotation.task.importing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;

/**
 * A JSON array of {@code {"text": "...", "meta": {...}}} objects, parsed one element at a time.
 * An element without a text, or with fields other than text and meta, is a bad row; broken JSON,
 * or a body that is not an array, is a broken row: it ends the import with its line, even when bad
 * rows are skipped, since nothing after it can be read.
 */
final class JsonTaskReader extends RowReader {

    /** Strict as every other body (platform-web's StrictJson): a key twice in a task is malformed. */
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final JsonParser parser;
    private final int maxTextLength;
    private boolean started;
    private boolean finished;

    JsonTaskReader(InputStream body, int maxTextLength) throws IOException {
        this(MAPPER.createParser(body), maxTextLength);
    }

    private JsonTaskReader(JsonParser parser, int maxTextLength) {
        super(parser);
        this.parser = parser;
        this.maxTextLength = maxTextLength;
    }

    @Override
    protected ImportRow readNext() throws IOException {
        if (finished) {
            return null;
        }
        try {
            if (!started) {
                started = true;
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    finished = true;
                    return ImportRow.broken(line(), "the body must be a JSON array of tasks");
                }
            }
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY || token == null) {
                finished = true;
                if (token == JsonToken.END_ARRAY && parser.nextToken() != null) {
                    return ImportRow.broken(line(), "content after the array of tasks");
                }
                return null;
            }
            long line = line();
            return row(line, MAPPER.readTree(parser));
        } catch (JsonProcessingException e) {
            finished = true;
            return ImportRow.broken(e.getLocation() == null ? line() : e.getLocation().getLineNr(),
                    "malformed JSON: " + e.getOriginalMessage());
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
}
