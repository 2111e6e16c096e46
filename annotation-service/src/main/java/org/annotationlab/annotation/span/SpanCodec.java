package org.annotationlab.annotation.span;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** Spans to and from the JSON stored in completion and prediction rows. */
public final class SpanCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<List<Span>> SPANS = new TypeReference<>() {
    };

    private SpanCodec() {
    }

    public static String write(List<Span> spans) {
        try {
            return MAPPER.writeValueAsString(spans);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("spans cannot be written", e);
        }
    }

    public static List<Span> read(String json) {
        try {
            return MAPPER.readValue(json, SPANS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored spans are not readable: " + e.getOriginalMessage(), e);
        }
    }
}
