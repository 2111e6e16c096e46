package org.annotationlab.events.outbox;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.annotationlab.events.DomainEvent;
import org.annotationlab.events.EventCodec;
import org.annotationlab.events.EventEnvelope;
import org.annotationlab.events.EventsConfig;

/**
 * Records domain events in the outbox table. Call it inside the transaction that makes the state
 * change ({@code @WithTransaction} on the service method): the event is stored if and only if the
 * change commits, and the {@link OutboxRelay} publishes it afterwards.
 */
@ApplicationScoped
public class Outbox {

    private final EventCodec codec = new EventCodec();
    private final EventsConfig config;

    Outbox(EventsConfig config) {
        this.config = config;
    }

    /** Adds the event to the current transaction; returns the envelope that will be published. */
    public Uni<EventEnvelope> append(DomainEvent event) {
        EventEnvelope envelope = codec.wrap(event, config.source());
        return OutboxEvent.of(event, envelope, codec).persist().replaceWith(envelope);
    }

    /**
     * The event's outbox row, for a write that inserts it in its own SQL statement (one round trip
     * on a hot path): values in {@link OutboxEvent#COLUMNS} order, to be written in the same
     * transaction as the change.
     */
    public Object[] row(DomainEvent event) {
        return OutboxEvent.of(event, codec.wrap(event, config.source()), codec).values();
    }
}
