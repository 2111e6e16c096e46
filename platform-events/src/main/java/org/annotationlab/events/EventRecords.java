package org.annotationlab.events;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The Kafka headers every event record carries (CloudEvents structured mode): written by the
 * outbox relay, and by tests that stand in for another service, so both take the same path.
 */
public final class EventRecords {

    private EventRecords() {
    }

    public static RecordHeaders headers(String type) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", EventEnvelope.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
