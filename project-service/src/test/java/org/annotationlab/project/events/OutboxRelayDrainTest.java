package org.annotationlab.project.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.events.EventCodec;
import org.annotationlab.events.EventEnvelope;
import org.annotationlab.events.EventsConfig;
import org.annotationlab.events.Topics;
import org.annotationlab.events.outbox.Outbox;
import org.annotationlab.events.outbox.OutboxEvent;
import org.annotationlab.events.outbox.OutboxRelay;
import org.annotationlab.events.project.ProjectDeleted;
import org.annotationlab.testing.LabInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * One pass of the outbox relay drains a backlog of several batches, in the order it was written.
 * The scheduled relay is off here, so the pass under test is the only one publishing.
 */
@QuarkusTest
@TestProfile(OutboxRelayDrainTest.ScheduledRelayOff.class)
@QuarkusTestResource(LabInfra.class)
class OutboxRelayDrainTest {

    /** No scheduled relay passes. */
    public static class ScheduledRelayOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lab.events.relay.enabled", "false");
        }
    }

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    EventsConfig config;

    @Test
    void onePassPublishesABacklogOfSeveralBatchesInTheOrderItWasWritten() throws Throwable {
        UUID project = UUID.randomUUID();
        int events = 3 * config.relay().batchSize() + 7;

        List<UUID> written = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Multi
                .createFrom().range(0, events)
                .onItem().transformToUniAndConcatenate(i -> outbox.append(new ProjectDeleted(project)))
                .map(EventEnvelope::id)
                .collect().asList()));
        int sent = VertxContextSupport.subscribeAndAwait(() -> relay.drain());

        assertTrue(sent >= events, "one pass published " + sent + " of a backlog of " + events);
        assertEquals(0L, (long) VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                () -> OutboxEvent.count("key = ?1 and publishedAt is null", project.toString()))));
        assertEquals(written, received(project, events));
    }

    private static List<UUID> received(UUID project, int expected) {
        List<UUID> ids = new ArrayList<>();
        EventCodec codec = new EventCodec();
        try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(Map.of("bootstrap.servers",
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                "group.id", "test-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            kafka.subscribe(List.of(Topics.PROJECTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (ids.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(300))) {
                    if (project.toString().equals(record.key())) {
                        ids.add(codec.decode(record.value()).id());
                    }
                }
            }
        }
        return ids;
    }
}
