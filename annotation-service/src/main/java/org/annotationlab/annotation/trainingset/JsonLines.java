package org.annotationlab.annotation.trainingset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.UUID;
import org.annotationlab.annotation.span.Span;

/** The JSON export format: one object per selected task and line (NDJSON). */
final class JsonLines {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonLines() {
    }

    record Line(UUID taskId, UUID completionId, String text, List<Span> spans) {
    }

    static String line(UUID taskId, UUID completionId, String text, List<Span> spans) {
        try {
            return MAPPER.writeValueAsString(new Line(taskId, completionId, text, spans)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
