package org.annotationlab.events.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.annotationlab.events.EventCodec;
import org.annotationlab.events.EventEnvelope;
import org.annotationlab.events.EventsConfig;
import org.annotationlab.events.Topics;
import org.annotationlab.events.project.MemberAdded;
import org.annotationlab.events.project.ProjectDeleted;
import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.testing.LabInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay against the real database and broker. The scheduled relay is off in these
 * tests (application.properties), so each pass under test is the only one publishing.
 */
@QuarkusTest
@QuarkusTestResource(LabInfra.class)
class OutboxRelayTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    EventsConfig config;

    @Inject
    Pool database;

    @BeforeEach
    void emptyOutbox() {
        database.query("delete from outbox_event").execute().await().atMost(WAIT);
    }

    @Test
    void aBacklogOfSeveralBatchesIsPublishedInWriteOrderPerProjectAndMarkedPublished() throws Throwable {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        int events = 2 * config.relay().batchSize() + 3;
        // Each event in its own transaction, as services write them; the two projects interleaved.
        List<EventEnvelope> written = VertxContextSupport.subscribeAndAwait(() -> Multi.createFrom().range(0, events)
                .onItem().transformToUniAndConcatenate(i -> Panache.withTransaction(() -> outbox.append(
                        new MemberAdded(i % 2 == 0 ? first : second, "member-" + i, ProjectRole.ANNOTATOR))))
                .collect().asList());

        int published = VertxContextSupport.subscribeAndAwait(relay::drain);
        int publishedAgain = VertxContextSupport.subscribeAndAwait(relay::drain);

        assertEquals(events, published, "one pass drains a backlog of several batches");
        assertEquals(0, publishedAgain, "a published event is not published again");
        assertEquals(Set.copyOf(ids(written)), publishedIds());
        List<ConsumerRecord<String, String>> received = received(Set.of(first.toString(), second.toString()), events);
        for (UUID project : List.of(first, second)) {
            assertEquals(ids(written.stream().filter(e -> e.subject().equals(project.toString())).toList()),
                    received.stream().filter(r -> r.key().equals(project.toString())).map(OutboxRelayTest::id).toList(),
                    "project " + project + "'s events in the order they were written");
        }
        for (ConsumerRecord<String, String> record : received) {
            assertEquals(Topics.PROJECTS + ".MemberAdded", header(record, "ce_type"));
            assertEquals(EventEnvelope.CONTENT_TYPE, header(record, "content-type"));
        }
    }

    /**
     * Two replicas relaying at once would send one's batch beside the other's and mix a project's
     * order: while one holds the relay's turn, the other publishes nothing and leaves the rows.
     */
    @Test
    void whileAnotherInstanceRelaysThisOnePublishesNothing() throws Throwable {
        EventEnvelope pending = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> outbox.append(new ProjectDeleted(UUID.randomUUID()))));
        io.vertx.mutiny.sqlclient.SqlConnection other = database.getConnection().await().atMost(WAIT);
        try {
            io.vertx.mutiny.sqlclient.Transaction turn = other.begin().await().atMost(WAIT);
            other.query("select pg_advisory_xact_lock(" + OutboxRelay.RELAY_LOCK + ")").execute().await().atMost(WAIT);

            assertEquals(0, VertxContextSupport.<Integer>subscribeAndAwait(relay::drain));
            assertEquals(Set.of(), publishedIds());

            turn.rollback().await().atMost(WAIT);
        } finally {
            other.close().await().atMost(WAIT);
        }
        assertEquals(1, VertxContextSupport.<Integer>subscribeAndAwait(relay::drain));
        assertEquals(Set.of(pending.id()), publishedIds());
    }

    @Test
    void publishedEventsPastTheRetentionAreDeletedAndUnpublishedOnesAreKeptHoweverOld() throws Throwable {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(config.relay().retention());
        UUID expired = insert(cutoff.minusHours(2), cutoff.minusHours(1));
        UUID retained = insert(cutoff.minusHours(1), cutoff.plusHours(1));
        UUID neverPublished = insert(cutoff.minusDays(30), null);

        VertxContextSupport.subscribeAndAwait(relay::deletePublished);

        Set<UUID> left = new HashSet<>();
        database.query("select id from outbox_event").execute().await().atMost(WAIT)
                .forEach(row -> left.add(row.getUUID("id")));
        assertEquals(Set.of(retained, neverPublished), left, "deleted: " + expired);
    }

    /** An outbox row written and, unless {@code publishedAt} is null, published at the given times. */
    private UUID insert(OffsetDateTime createdAt, OffsetDateTime publishedAt) {
        List<Object> values = new ArrayList<>(Arrays.asList(outbox.row(new ProjectDeleted(UUID.randomUUID()))));
        values.set(5, createdAt); // OutboxEvent.COLUMNS: id, topic, event_key, type, payload, created_at
        values.add(publishedAt);
        database.preparedQuery("insert into outbox_event (" + OutboxEvent.COLUMNS + ", published_at)"
                + " values ($1, $2, $3, $4, $5, $6, $7)").execute(Tuple.from(values)).await().atMost(WAIT);
        return (UUID) values.get(0);
    }

    private Set<UUID> publishedIds() {
        Set<UUID> ids = new HashSet<>();
        for (Row row : database.query("select id from outbox_event where published_at is not null").execute()
                .await().atMost(WAIT)) {
            ids.add(row.getUUID("id"));
        }
        return ids;
    }

    private static List<UUID> ids(List<EventEnvelope> envelopes) {
        return envelopes.stream().map(EventEnvelope::id).toList();
    }

    private static UUID id(ConsumerRecord<String, String> record) {
        return new EventCodec().decode(record.value()).id();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** The records on lab.projects keyed by one of {@code keys}, in the order they arrived, once {@code expected} did. */
    private static List<ConsumerRecord<String, String>> received(Set<String> keys, int expected) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                "group.id", "platform-events-test-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            kafka.subscribe(List.of(Topics.PROJECTS));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(300))) {
                    if (keys.contains(record.key())) {
                        records.add(record);
                    }
                }
            }
        }
        assertEquals(expected, records.size(), "records received within " + WAIT);
        return records;
    }
}
