package org.annotationlab.events.consumer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The record that one consumer has applied one event; written with the event's effect. */
@Entity
@Table(name = "processed_event")
public class ProcessedEvent extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(name = "processed_at", nullable = false)
    public OffsetDateTime processedAt;

    /** Consumer name and event id. */
    @Embeddable
    public record Key(@Column(name = "consumer") String consumer, @Column(name = "event_id") UUID eventId)
            implements Serializable {
    }
}
