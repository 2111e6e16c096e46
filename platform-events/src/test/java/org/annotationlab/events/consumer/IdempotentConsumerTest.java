package org.annotationlab.events.consumer;

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
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.annotationlab.events.EventCodec;
import org.annotationlab.events.EventEnvelope;
import org.annotationlab.events.EventsConfig;
import org.annotationlab.events.outbox.Outbox;
import org.annotationlab.events.project.MemberAdded;
import org.annotationlab.events.project.ProjectCreated;
import org.annotationlab.events.project.ProjectDeleted;
import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.testing.LabInfra;
import org.junit.jupiter.api.Test;

/**
 * The idempotent consumer against the real database. The effect under test is a write in the
 * consumer's transaction, as a service's is: an outbox row keyed by the event's project.
 */
@QuarkusTest
@QuarkusTestResource(LabInfra.class)
class IdempotentConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final EventCodec codec = new EventCodec();

    @Inject
    IdempotentConsumer consumer;

    @Inject
    Outbox outbox;

    @Inject
    EventsConfig config;

    @Inject
    Pool database;

    @Test
    void aRedeliveredEventTakesEffectOncePerConsumer() throws Exception {
        UUID project = UUID.randomUUID();
        EventEnvelope event = codec.wrap(new ProjectDeleted(project), "test");
        String record = codec.encode(event);

        boolean first = consume("test.redelivered", record, envelope -> effect(project));
        boolean redelivered = consume("test.redelivered", record, envelope -> effect(project));
        boolean otherConsumer = consume("test.other", record, envelope -> effect(project));

        assertTrue(first);
        assertFalse(redelivered);
        assertTrue(otherConsumer, "each consumer applies the event once");
        assertEquals(2, effects(project));
        assertEquals(1, marks("test.redelivered", event.id()));
    }

    /**
     * The same event delivered again while its first delivery is still being applied (another
     * instance after a rebalance): the second waits on the first one's mark and is then skipped.
     */
    @Test
    void aRedeliveryDuringTheFirstDeliveryWaitsForItAndIsSkipped() throws Exception {
        UUID project = UUID.randomUUID();
        String record = codec.encode(codec.wrap(new ProjectDeleted(project), "test"));
        long lock = project.getMostSignificantBits();
        ExecutorService deliveries = Executors.newFixedThreadPool(2);
        SqlConnection holder = database.getConnection().await().atMost(WAIT);
        try {
            Transaction held = holder.begin().await().atMost(WAIT);
            holder.preparedQuery("select pg_advisory_xact_lock($1)").execute(Tuple.of(lock)).await().atMost(WAIT);
            Future<Boolean> first = deliveries.submit(() -> consume("test.concurrent", record,
                    envelope -> effect(project).call(() -> advisoryLock(lock))));
            awaitBlocked("%pg_advisory_xact_lock%");
            Future<Boolean> second = deliveries.submit(() -> consume("test.concurrent", record,
                    envelope -> effect(project)));
            awaitBlocked("insert into processed_event%");

            held.rollback().await().atMost(WAIT);

            assertTrue(first.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertFalse(second.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(1, effects(project));
        } finally {
            holder.close().await().atMost(WAIT);
            deliveries.shutdownNow();
        }
    }

    @Test
    void aFailedEffectIsRolledBackAndRetriedUntilItTakesEffect() throws Exception {
        UUID project = UUID.randomUUID();
        EventEnvelope event = codec.wrap(new ProjectDeleted(project), "test");
        AtomicInteger attempts = new AtomicInteger();

        boolean applied = consume("test.retried", codec.encode(event), envelope -> effect(project)
                .chain(() -> attempts.incrementAndGet() <= 2
                        ? Uni.createFrom().failure(new IllegalStateException("connection reset"))
                        : Uni.createFrom().voidItem()));

        assertTrue(applied);
        assertEquals(3, attempts.get());
        assertEquals(1, effects(project), "the failed attempts' writes were rolled back with them");
        assertEquals(1, marks("test.retried", event.id()));
    }

    /**
     * Once the retries are spent the delivery fails (the channel's failure strategy decides what
     * then); the event is not marked, so its redelivery still applies it.
     */
    @Test
    void anEffectThatKeepsFailingFailsTheDeliveryAndTheRedeliveryAppliesIt() throws Exception {
        UUID project = UUID.randomUUID();
        EventEnvelope event = codec.wrap(new ProjectDeleted(project), "test");
        String record = codec.encode(event);
        AtomicInteger attempts = new AtomicInteger();

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> consume("test.failing",
                record, envelope -> effect(project).chain(() -> {
                    attempts.incrementAndGet();
                    return Uni.createFrom().failure(new IllegalStateException("database down"));
                })));
        long marksAfterFailure = marks("test.failing", event.id());
        boolean redelivered = consume("test.failing", record, envelope -> effect(project));

        assertEquals("database down", failure.getMessage());
        assertEquals(1 + config.consumer().retries(), attempts.get());
        assertEquals(0, marksAfterFailure);
        assertTrue(redelivered);
        assertEquals(1, effects(project));
    }

    @Test
    void aRecordThatIsNotAnEventIsSkippedWithoutEffect() throws Exception {
        AtomicInteger effects = new AtomicInteger();
        List<String> poison = List.of("{not json", "", "[]",
                "{\"specversion\":\"1.0\",\"type\":\"lab.projects.ProjectDeleted\",\"source\":\"test\"}");

        for (String record : poison) {
            assertFalse(consume("test.poison", record, envelope -> {
                effects.incrementAndGet();
                return Uni.createFrom().voidItem();
            }), record);
        }
        assertEquals(0, effects.get());
    }

    @Test
    void anEventWhoseDataDoesNotFitItsTypeIsSkippedNotRetried() throws Exception {
        UUID project = UUID.randomUUID();
        EventEnvelope event = codec.wrap(new MemberAdded(project, "eve", ProjectRole.ANNOTATOR), "test");
        String record = codec.encode(event).replace("\"ANNOTATOR\"", "\"KING\"");
        AtomicInteger attempts = new AtomicInteger();

        boolean applied = consume("test.misfit", record, envelope -> {
            attempts.incrementAndGet();
            MemberAdded added = consumer.codec().data(envelope, MemberAdded.class);
            return effect(added.projectId());
        });

        assertFalse(applied);
        assertEquals(1, attempts.get());
        assertEquals(0, effects(project));
        assertEquals(0, marks("test.misfit", event.id()));
    }

    @Test
    void anEventOfATypeTheConsumerDoesNotApplyIsAcknowledgedWithoutAMark() throws Exception {
        UUID project = UUID.randomUUID();
        EventEnvelope event = codec.wrap(new ProjectDeleted(project), "test");

        boolean applied = awaited(() -> consumer.consume("test.types",
                codec.encode(event), List.of(ProjectCreated.class), envelope -> effect(project)));

        assertFalse(applied);
        assertEquals(0, effects(project));
        assertEquals(0, marks("test.types", event.id()));
    }

    private boolean consume(String name, String record, Function<EventEnvelope, Uni<Void>> effect) throws Exception {
        return awaited(() -> consumer.consume(name, record, effect));
    }

    /** The item, on a Vert.x context as a consumer runs; a failure is thrown as it is. */
    private static <T> T awaited(Supplier<Uni<T>> uni) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(uni);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The effect: a write in the consumer's transaction. */
    private Uni<Void> effect(UUID project) {
        return outbox.append(new ProjectDeleted(project)).replaceWithVoid();
    }

    /** Waits in the consumer's transaction until the test lets go of the advisory lock. */
    private static Uni<Void> advisoryLock(long lock) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("select cast(pg_advisory_xact_lock(:lock) as text)", String.class)
                .setParameter("lock", lock).getSingleResult()).replaceWithVoid();
    }

    /** Until one statement like {@code query} waits for a lock in this database. */
    private void awaitBlocked(String query) {
        await().atMost(WAIT).until(() -> database.preparedQuery("select count(*) from pg_stat_activity"
                + " where datname = current_database() and wait_event_type = 'Lock' and query like $1")
                .execute(Tuple.of(query)).await().atMost(WAIT).iterator().next().getLong(0) == 1);
    }

    private long effects(UUID project) {
        return database.preparedQuery("select count(*) from outbox_event where event_key = $1")
                .execute(Tuple.of(project.toString())).await().atMost(WAIT).iterator().next().getLong(0);
    }

    private long marks(String name, UUID eventId) {
        return database.preparedQuery("select count(*) from processed_event where consumer = $1 and event_id = $2")
                .execute(Tuple.of(name, eventId)).await().atMost(WAIT).iterator().next().getLong(0);
    }
}
