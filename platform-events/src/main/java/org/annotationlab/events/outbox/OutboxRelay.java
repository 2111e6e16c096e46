package org.annotationlab.events.outbox;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.annotationlab.events.EventRecords;
import org.annotationlab.events.EventsConfig;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Publishes outbox rows to Kafka in the order they were written (seq) and marks them published.
 * One instance of a service relays at a time: each batch's transaction takes a PostgreSQL
 * advisory lock first, and an instance that cannot get it leaves the rows to the one that has it,
 * so the next batch is never sent beside the previous one and a project's events keep their order
 * however many replicas run. A crash after sending and before marking re-sends the row, which the
 * consumers' dedupe absorbs (at-least-once delivery, exactly-once effect).
 * {@link OutboxRelaySchedule} runs it.
 *
 * <p>It works on the reactive pool directly, not through Hibernate: a batch is one claiming
 * select and one update that marks all of its rows, where managed entities cost a load, a dirty
 * check and an update statement per row — on the busiest path of every service.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The one outgoing channel every service publishes through; the topic is set per record. */
    public static final String CHANNEL = "lab-outbox";

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Sends in flight at once; below the emitter's default buffer (128). */
    private static final int IN_FLIGHT = 100;
    private static final int MAX_BATCHES_PER_PASS = 50;
    /** The advisory lock of the relay of this service's database (one database per service). */
    static final long RELAY_LOCK = 0x6f7574626f78L;
    private static final String TAKE_TURN = "select pg_try_advisory_xact_lock(" + RELAY_LOCK + ") as mine";
    private static final String CLAIM = "select seq, topic, event_key, type, payload from outbox_event"
            + " where published_at is null order by seq limit $1 for update";
    private static final String MARK = "update outbox_event set published_at = $1 where seq = any($2)";
    private static final String DELETE_PUBLISHED = "delete from outbox_event where published_at < $1";

    private final MutinyEmitter<String> emitter;
    private final EventsConfig config;
    private final Pool pool;
    private volatile boolean lastRunFailed;

    OutboxRelay(@Channel(CHANNEL) MutinyEmitter<String> emitter, EventsConfig config, Pool pool) {
        this.emitter = emitter;
        this.config = config;
        this.pool = pool;
    }

    /** A claimed row: what the record needs, and the seq to mark. */
    private record Pending(long seq, String topic, String key, String type, String payload) {
        static Pending of(Row row) {
            return new Pending(row.getLong("seq"), row.getString("topic"), row.getString("event_key"),
                    row.getString("type"), row.getString("payload"));
        }
    }

    /** One scheduled pass: publishes what is pending and logs only changes between working and failing. */
    Uni<Void> scheduledRelay() {
        if (!config.relay().enabled()) {
            return Uni.createFrom().voidItem();
        }
        return drain()
                .invoke(count -> recovered())
                .onFailure().invoke(this::failed)
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Publishes pending events batch after batch until a batch comes back short (the outbox is
     * drained) or {@value #MAX_BATCHES_PER_PASS} batches went out; the next pass goes on. One batch
     * per pass capped the relay at a batch per interval, far below what a busy service writes.
     *
     * @return how many events were published
     */
    public Uni<Integer> drain() {
        int batchSize = config.relay().batchSize();
        return Multi.createBy().repeating().uni(this::publishPending).whilst(count -> count == batchSize)
                .select().first(MAX_BATCHES_PER_PASS)
                .collect().with(Collectors.summingInt(Integer::intValue));
    }

    /**
     * Publishes one batch of pending events; returns how many were published (0 while another
     * instance relays: its batches and this one's would race to the broker). The first record
     * goes alone: when Kafka is unreachable the pass fails on it without queueing the rest. The
     * others are then handed to the producer in seq order without waiting for each
     * acknowledgement in turn (the idempotent producer keeps that order per partition, retries
     * included). The rows are marked once all are acknowledged, so a failure leaves the whole
     * batch to be sent again; records of the batch already queued behind a failed one may then
     * arrive before its second delivery (at-least-once, consumers dedupe).
     */
    public Uni<Integer> publishPending() {
        return pool.withTransaction(connection -> turn(connection).flatMap(mine -> !mine ? Uni.createFrom().item(0)
                : claim(connection).flatMap(rows -> rows.isEmpty()
                ? Uni.createFrom().item(0)
                : send(rows.get(0)).chain(() -> Multi.createFrom().iterable(rows.subList(1, rows.size()))
                        .onItem().transformToUni(this::send).merge(IN_FLIGHT)
                        .collect().last())
                        .chain(() -> connection.preparedQuery(MARK).execute(Tuple.tuple()
                                .addOffsetDateTime(OffsetDateTime.now(ZoneOffset.UTC))
                                .addArrayOfLong(rows.stream().map(Pending::seq).toArray(Long[]::new))))
                        .replaceWith(rows.size()))));
    }

    /** Whether this transaction may relay: no other instance holds the relay's lock. */
    private static Uni<Boolean> turn(SqlConnection connection) {
        return connection.query(TAKE_TURN).execute().map(rows -> rows.iterator().next().getBoolean("mine"));
    }

    /** Deletes published rows past the retention. */
    Uni<Void> deletePublished() {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(config.relay().retention());
        return pool.preparedQuery(DELETE_PUBLISHED).execute(Tuple.of(cutoff)).replaceWithVoid();
    }

    private Uni<List<Pending>> claim(SqlConnection connection) {
        return connection.preparedQuery(CLAIM).execute(Tuple.of(config.relay().batchSize())).map(rows -> {
            List<Pending> pending = new ArrayList<>(rows.size());
            rows.forEach(row -> pending.add(Pending.of(row)));
            return pending;
        });
    }

    private Uni<Void> send(Pending row) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic())
                .withKey(row.key())
                .withHeaders(EventRecords.headers(row.type()))
                .build();
        return emitter.sendMessage(Message.of(row.payload()).addMetadata(metadata));
    }

    private void recovered() {
        if (lastRunFailed) {
            LOG.info("outbox relay is publishing again");
            lastRunFailed = false;
        }
    }

    private void failed(Throwable failure) {
        if (!lastRunFailed) {
            LOG.warnf("outbox relay cannot publish, events stay in the outbox and will be retried: %s",
                    failure.getMessage());
            lastRunFailed = true;
        }
    }
}
