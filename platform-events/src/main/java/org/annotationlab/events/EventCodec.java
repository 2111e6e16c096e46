package org.annotationlab.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Encodes domain events into CloudEvents JSON and back. It has its own mapper, independent of
 * each service's REST settings: consumers must tolerate fields added by newer producers.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    private final Clock clock;

    public EventCodec() {
        this(Clock.systemUTC());
    }

    public EventCodec(Clock clock) {
        this.clock = clock;
    }

    /** Wraps an event in a new envelope with a fresh id and the current time. */
    public EventEnvelope wrap(DomainEvent event, String source) {
        return new EventEnvelope(EventEnvelope.SPEC_VERSION, UUID.randomUUID(), event.type(), source,
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS),
                event.projectId() == null ? null : event.projectId().toString(), "application/json", MAPPER.valueToTree(event));
    }

    public String encode(EventEnvelope envelope) {
        try {
            return MAPPER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be encoded: " + envelope.type(), e);
        }
    }

    /** Reads an envelope; throws {@link MalformedEventException} for anything that is not one. */
    public EventEnvelope decode(String json) {
        if (json == null) {
            throw new MalformedEventException("not a CloudEvent: no value (a tombstone)");
        }
        try {
            EventEnvelope envelope = MAPPER.readValue(json, EventEnvelope.class);
            if (envelope == null || envelope.id() == null || envelope.type() == null || envelope.data() == null) {
                throw new MalformedEventException("not a CloudEvent: id, type and data are required");
            }
            return envelope;
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not a CloudEvent: " + e.getOriginalMessage());
        }
    }

    /** The envelope's data as the given event record. */
    public <T extends DomainEvent> T data(EventEnvelope envelope, Class<T> eventClass) {
        try {
            return MAPPER.treeToValue(envelope.data(), eventClass);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(envelope.type() + " has malformed data: " + e.getOriginalMessage());
        }
    }

    /** Raised for a record on a topic that cannot be read as an event; consumers skip and log it. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }
    }
}
