package org.annotationlab.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode, the only form events take on the wire.
 *
 * @param subject the project id (also the Kafka key)
 * @param data    the event record as JSON; decode it with {@link EventCodec#data}
 */
public record EventEnvelope(
        String specversion,
        UUID id,
        String type,
        String source,
        OffsetDateTime time,
        String subject,
        String datacontenttype,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    /** True when this envelope carries an event of the given record class. */
    public boolean is(Class<? extends DomainEvent> eventClass) {
        return type != null && type.endsWith("." + eventClass.getSimpleName());
    }
}
