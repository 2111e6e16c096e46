package org.annotationlab.events.consumer;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.annotationlab.events.DomainEvent;
import org.annotationlab.events.EventCodec;
import org.annotationlab.events.EventEnvelope;
import org.annotationlab.events.EventsConfig;
import org.jboss.logging.Logger;

/**
 * Applies each event at most once per consumer: the event id is inserted into
 * {@code processed_event} in the same transaction as the effect. A redelivered event finds its id
 * and is skipped; an effect that fails rolls back the id too and is retried with backoff (200 ms
 * growing to 30 s), holding the partition so per-project order is kept: a consumer never skips
 * an event it could not apply. Only records that are not events, or whose data does not fit
 * their event type, are skipped (and logged).
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);
    private static final String MARK = "insert into processed_event (consumer, event_id, event_type, processed_at)"
            + " values (:consumer, :id, :type, now()) on conflict do nothing";

    private static final java.time.Duration RETRY_FIRST = java.time.Duration.ofMillis(200);
    private static final java.time.Duration RETRY_MAX = java.time.Duration.ofSeconds(30);

    private final EventCodec codec = new EventCodec();
    private final long retries;

    IdempotentConsumer(EventsConfig config) {
        this.retries = config.consumer().retries();
    }

    /**
     * Decodes the record and applies {@code effect} once for this consumer. Records that are not
     * CloudEvents are logged and skipped: a poison record must not stop the partition.
     *
     * @return whether the effect ran (false for duplicates and unreadable records)
     */
    public Uni<Boolean> consume(String consumer, String record, Function<EventEnvelope, Uni<Void>> effect) {
        return consume(consumer, record, envelope -> true, effect);
    }

    /**
     * As {@link #consume(String, String, Function)} for a consumer that applies only the given event
     * types: any other event is acknowledged at once, without a transaction, as there is no effect
     * to apply and so nothing to remember (a topic's other events, e.g. each TrainingProgressed or
     * PredictionsStored, no longer cost every consumer of the topic a database round trip).
     */
    public Uni<Boolean> consume(String consumer, String record, List<Class<? extends DomainEvent>> applies,
            Function<EventEnvelope, Uni<Void>> effect) {
        return consume(consumer, record, envelope -> applies.stream().anyMatch(envelope::is), effect);
    }

    private Uni<Boolean> consume(String consumer, String record, Predicate<EventEnvelope> applies,
            Function<EventEnvelope, Uni<Void>> effect) {
        EventEnvelope envelope;
        try {
            envelope = codec.decode(record);
        } catch (EventCodec.MalformedEventException e) {
            LOG.warnf("%s skipped a record that is not an event: %s", consumer, e.getMessage());
            return Uni.createFrom().item(false);
        }
        if (!applies.test(envelope)) {
            return Uni.createFrom().item(false);
        }
        return Uni.createFrom().deferred(() -> Panache.<Boolean>withTransaction(() -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery(MARK)
                        .setParameter("consumer", consumer)
                        .setParameter("id", envelope.id())
                        .setParameter("type", envelope.type())
                        .executeUpdate())
                .flatMap(inserted -> inserted == 0
                        ? Uni.createFrom().item(false)
                        : effect.apply(envelope).replaceWith(true))))
                .onFailure(IdempotentConsumer::retryable).invoke(failure -> LOG.warnf(
                        "%s could not apply %s %s, retrying: %s", consumer, envelope.type(), envelope.id(),
                        failure.getMessage()))
                .onFailure(IdempotentConsumer::retryable).retry().withBackOff(RETRY_FIRST, RETRY_MAX).atMost(retries)
                .onFailure(EventCodec.MalformedEventException.class).recoverWithItem(failure -> {
                    LOG.warnf("%s skipped %s %s: %s", consumer, envelope.type(), envelope.id(), failure.getMessage());
                    return false;
                });
    }

    /** A record whose data does not fit its event type will never apply: it is skipped, not retried. */
    private static boolean retryable(Throwable failure) {
        return !(failure instanceof EventCodec.MalformedEventException);
    }

    /** The event codec, for decoding {@link EventEnvelope#data()} inside effects. */
    public EventCodec codec() {
        return codec;
    }
}
