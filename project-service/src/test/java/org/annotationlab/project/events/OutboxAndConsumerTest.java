package org.annotationlab.project.events;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.annotationlab.events.EventCodec;
import org.annotationlab.events.EventEnvelope;
import org.annotationlab.events.consumer.IdempotentConsumer;
import org.annotationlab.events.consumer.ProcessedEvent;
import org.annotationlab.events.outbox.Outbox;
import org.annotationlab.events.outbox.OutboxEvent;
import org.annotationlab.events.project.ProjectCreated;
import org.annotationlab.events.project.ProjectDeleted;
import org.junit.jupiter.api.Test;

/** The shared outbox and idempotent consumer, against the real database and broker. */
@QuarkusTest
@QuarkusTestResource(org.annotationlab.testing.LabInfra.class)
class OutboxAndConsumerTest {

    @Inject
    Outbox outbox;

    @Inject
    IdempotentConsumer consumer;

    @Test
    void anEventAppendedInARolledBackTransactionIsNeverStored() throws Throwable {
        UUID project = UUID.randomUUID();

        assertThrows(IllegalStateException.class, () -> VertxContextSupport.subscribeAndAwait(
                () -> Panache.withTransaction(() -> outbox.append(new ProjectDeleted(project))
                        .invoke(() -> {
                            throw new IllegalStateException("the state change failed");
                        }))));

        assertEquals(0L, (long) VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> OutboxEvent.count("key", project.toString()))));
    }

    @Test
    void aCommittedEventIsPublishedAndMarked() throws Throwable {
        UUID project = UUID.randomUUID();

        EventEnvelope envelope = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withTransaction(() -> outbox.append(new ProjectDeleted(project))));

        await().atMost(Duration.ofSeconds(20)).until(() -> published(envelope.id()));
    }

    @Test
    void aFailedEffectIsRetriedAndARedeliveredEventTakesEffectOnce() throws Throwable {
        String record = new EventCodec().encode(new EventCodec().wrap(new ProjectDeleted(UUID.randomUUID()), "test"));
        AtomicInteger effects = new AtomicInteger();
        AtomicInteger attempts = new AtomicInteger();

        boolean applied = consume("test.retry", record, () -> {
            if (attempts.incrementAndGet() == 1) {
                return Uni.createFrom().failure(new IllegalStateException("database hiccup"));
            }
            effects.incrementAndGet();
            return Uni.createFrom().voidItem();
        }).orElseThrow();
        int attemptsUntilApplied = attempts.get();
        boolean duplicate = consume("test.retry", record, () -> count(effects, attempts)).orElseThrow();
        boolean otherConsumer = consume("test.other", record, () -> count(effects, attempts)).orElseThrow();

        assertTrue(applied);
        assertEquals(2, attemptsUntilApplied);
        assertFalse(duplicate);
        assertTrue(otherConsumer);
        assertEquals(2, effects.get());
    }

    @Test
    void anEventOfATypeTheConsumerDoesNotApplyIsAcknowledgedWithoutATrace() throws Throwable {
        EventEnvelope deleted = new EventCodec().wrap(new ProjectDeleted(UUID.randomUUID()), "test");
        String record = new EventCodec().encode(deleted);
        AtomicInteger effects = new AtomicInteger();

        boolean ignored = VertxContextSupport.subscribeAndAwait(() -> consumer.consume("test.types", record,
                List.of(ProjectCreated.class), envelope -> count(effects, new AtomicInteger())));
        long marksWhenIgnored = marks("test.types", deleted.id());
        boolean applied = VertxContextSupport.subscribeAndAwait(() -> consumer.consume("test.types", record,
                List.of(ProjectCreated.class, ProjectDeleted.class), envelope -> count(effects, new AtomicInteger())));

        assertFalse(ignored);
        assertEquals(0L, marksWhenIgnored);
        assertTrue(applied);
        assertEquals(1L, marks("test.types", deleted.id()));
        assertEquals(1, effects.get());
    }

    private static long marks(String consumer, UUID eventId) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> ProcessedEvent.count(
                "key.consumer = ?1 and key.eventId = ?2", consumer, eventId)));
    }

    @Test
    void aRecordThatIsNotAnEventIsSkipped() throws Throwable {
        AtomicInteger effects = new AtomicInteger();

        assertFalse(consume("test.poison", "{not json", () -> {
            effects.incrementAndGet();
            return Uni.createFrom().voidItem();
        }).orElseThrow());
        assertEquals(0, effects.get());
    }

    private static boolean published(UUID eventId) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                    () -> OutboxEvent.<OutboxEvent>find("id", eventId).firstResult())).publishedAt != null;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anEventWhoseDataDoesNotFitItsTypeIsSkippedNotRetried() throws Throwable {
        String record = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\","
                + "\"type\":\"lab.projects.MemberAdded\",\"source\":\"test\",\"subject\":\"x\","
                + "\"data\":{\"projectId\":\"" + UUID.randomUUID() + "\",\"username\":\"eve\",\"role\":\"KING\"}}";
        AtomicInteger attempts = new AtomicInteger();

        boolean applied = consume("test.poison-data", record, () -> {
            attempts.incrementAndGet();
            return Uni.createFrom().item(() -> consumer.codec().data(
                    consumer.codec().decode(record), org.annotationlab.events.project.MemberAdded.class)).replaceWithVoid();
        }).orElseThrow();

        assertFalse(applied);
        assertEquals(1, attempts.get());
    }

    private static Uni<Void> count(AtomicInteger effects, AtomicInteger attempts) {
        attempts.incrementAndGet();
        effects.incrementAndGet();
        return Uni.createFrom().voidItem();
    }

    /** Empty when the effect failed (and the transaction rolled back). */
    private java.util.Optional<Boolean> consume(String name, String record,
            java.util.function.Supplier<Uni<Void>> effect) {
        try {
            return java.util.Optional.of(VertxContextSupport.subscribeAndAwait(
                    () -> consumer.consume(name, record, envelope -> effect.get())));
        } catch (Throwable e) {
            return java.util.Optional.empty();
        }
    }
}
