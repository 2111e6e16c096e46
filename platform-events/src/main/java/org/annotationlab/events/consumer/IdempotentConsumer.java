package org.annotationlab.events.consumer;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;
import org.annotationlab.events.EventCodec;
import org.annotationlab.events.EventEnvelope;
import org.jboss.logging.Logger;

/**
 * Applies each event at most once per consumer: the event id is inserted into
 * {@code processed_event} in the same transaction as the effect. A redelivered event finds its id
 * and is skipped; an effect that fails rolls back the id too, so the event is retried.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);
    private static final String MARK = "insert into processed_event (consumer, event_id, event_type, processed_at)"
            + " values (:consumer, :id, :type, now()) on conflict do nothing";

    private final EventCodec codec = new EventCodec();

    /**
     * Decodes the record and applies {@code effect} once for this consumer. Records that are not
     * CloudEvents are logged and skipped: a poison record must not stop the partition.
     *
     * @return whether the effect ran (false for duplicates and unreadable records)
     */
    public Uni<Boolean> consume(String consumer, String record, Function<EventEnvelope, Uni<Void>> effect) {
        EventEnvelope envelope;
        try {
            envelope = codec.decode(record);
        } catch (EventCodec.MalformedEventException e) {
            LOG.warnf("%s skipped a record that is not an event: %s", consumer, e.getMessage());
            return Uni.createFrom().item(false);
        }
        return Panache.withTransaction(() -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery(MARK)
                        .setParameter("consumer", consumer)
                        .setParameter("id", envelope.id())
                        .setParameter("type", envelope.type())
                        .executeUpdate())
                .flatMap(inserted -> inserted == 0
                        ? Uni.createFrom().item(false)
                        : effect.apply(envelope).replaceWith(true)));
    }

    /** The event codec, for decoding {@link EventEnvelope#data()} inside effects. */
    public EventCodec codec() {
        return codec;
    }
}
