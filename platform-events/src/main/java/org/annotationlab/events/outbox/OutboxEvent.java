package org.annotationlab.events.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.annotationlab.events.DomainEvent;
import org.annotationlab.events.EventCodec;
import org.annotationlab.events.EventEnvelope;

/** One event waiting in (or already relayed from) the transactional outbox. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    /** The columns a new row sets, in the order of {@link #values()}. */
    public static final String COLUMNS = "id, topic, event_key, type, payload, created_at";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(nullable = false, unique = true)
    public UUID id;

    @Column(nullable = false)
    public String topic;

    @Column(name = "event_key")
    public String key;

    @Column(nullable = false)
    public String type;

    /** The whole CloudEvent, JSON. */
    @Column(nullable = false)
    public String payload;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    /** The row for an event: the one mapping from envelope to outbox columns, for both outboxes. */
    static OutboxEvent of(DomainEvent event, EventEnvelope envelope, EventCodec codec) {
        OutboxEvent row = new OutboxEvent();
        row.id = envelope.id();
        row.topic = event.topic();
        row.key = envelope.subject();
        row.type = envelope.type();
        row.payload = codec.encode(envelope);
        row.createdAt = envelope.time();
        return row;
    }

    /** This row's values for {@link #COLUMNS}. */
    Object[] values() {
        return new Object[] {id, topic, key, type, payload, createdAt};
    }
}
