package org.annotationlab.annotation.completion;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.reflect.Array;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.annotationlab.annotation.config.AnnotationConfig;
import org.annotationlab.annotation.span.SpanCodec;
import org.annotationlab.annotation.trainingset.TrainingSetTracker;
import org.annotationlab.events.annotation.CompletionSubmitted;
import org.annotationlab.events.outbox.Outbox;
import org.annotationlab.events.outbox.OutboxEvent;
import org.annotationlab.web.idempotency.Idempotency;
import org.jboss.logging.Logger;

/**
 * What creating and submitting a completion write. A submission, both ways a completion gets submitted: its SUBMITTED history
 * entry, the {@code CompletionSubmitted} event (through the outbox) and the request to recount the
 * project's training set. A new completion submitted at once ({@link #submitNew}) is written with
 * the completion itself in one statement shared by concurrent submits ({@link GroupCommit}); a
 * draft submitted later, or a submitted completion updated ({@link #submitted}), inside the
 * caller's Hibernate transaction that also changes the completion. A new draft is one statement too.
 */
@ApplicationScoped
class SubmissionWriter {

    private static final Logger LOG = Logger.getLogger(SubmissionWriter.class);
    private static final String DEADLOCK = "40P01";
    private static final String COMPLETION = "insert into completion (id, task_id, project_id, author, spans,"
            + " submitted, submitted_at, review_status, created_at, updated_at, version)";
    private static final String HISTORY = "insert into completion_history (completion_id, action, actor, at, detail)";
    /** A request's stored answer ({@code Idempotent}), when it sent a key. */
    private static final String ANSWER = "insert into idempotency_key (" + Idempotency.COLUMNS + ")";
    /**
     * A draft: $1 id, $2 task, $3 project, $4 author, $5 spans, $6 time, $7 history detail, then the
     * answer's columns ($8–$13, null without a key).
     */
    private static final String INSERT_DRAFT = "with c as (" + COMPLETION
            + " values ($1, $2, $3, $4, $5, false, null, 'PENDING', $6, $6, 0)),"
            + " k as (" + ANSWER + " select $8::varchar, $9::varchar, $10::varchar, $11::int4, $12::varchar,"
            + " $13::text where $9::varchar is not null)"
            + " " + HISTORY + " values ($1, 'CREATED', $4, $6, $7)";
    /**
     * Submitted completions, any number at once: each parameter is one column's values, in
     * {@link #COLUMNS} order — the completion's seven (id, task, project, author, spans, time,
     * history detail), the outbox row's in {@link OutboxEvent#COLUMNS} order, then the answer's
     * (null without a key). History ids keep CREATED before SUBMITTED per completion.
     */
    private static final String INSERT_SUBMITTED = "with s as (select * from unnest($1::uuid[], $2::uuid[],"
            + " $3::uuid[], $4::varchar[], $5::text[], $6::timestamptz[], $7::varchar[], $8::uuid[], $9::varchar[],"
            + " $10::varchar[], $11::varchar[], $12::text[], $13::timestamptz[], $14::varchar[], $15::varchar[],"
            + " $16::varchar[], $17::int4[], $18::varchar[], $19::text[]) with ordinality as s (id, task_id,"
            + " project_id, author, spans, at, detail, event_id, topic, event_key, type, payload, created_at,"
            + " a_caller, a_key, a_request, a_status, a_location, a_body, n)),"
            + " c as (" + COMPLETION + " select id, task_id, project_id, author, spans, true, at, 'PENDING', at, at, 0"
            + " from s),"
            + " h as (" + HISTORY + " select s.id, a.action, s.author, s.at, case a.k when 1 then s.detail end"
            + " from s cross join (values (1, 'CREATED'), (2, 'SUBMITTED')) a (k, action) order by s.n, a.k),"
            + " o as (insert into outbox_event (" + OutboxEvent.COLUMNS + ") select event_id, topic, event_key, type,"
            + " payload, created_at from s order by s.n),"
            + " k as (" + ANSWER + " select a_caller, a_key, a_request, a_status, a_location, a_body from s"
            + " where a_key is not null order by a_caller, a_key)"
            + " " + TrainingSetTracker.requests("select distinct project_id from s");
    private static final Class<?>[] COLUMNS = {UUID.class, UUID.class, UUID.class, String.class,
        String.class, OffsetDateTime.class, String.class, UUID.class, String.class, String.class, String.class,
        String.class, OffsetDateTime.class, String.class, String.class, String.class, Integer.class, String.class,
        String.class};
    /** Most submits one statement writes. */
    private static final int MAX_SUBMITS_PER_WRITE = 100;

    private final Outbox outbox;
    private final TrainingSetTracker trainingSet;
    private final Pool pool;
    private final GroupCommit<Object[]> submits;

    SubmissionWriter(Outbox outbox, TrainingSetTracker trainingSet, Pool pool, AnnotationConfig config) {
        this.outbox = outbox;
        this.trainingSet = trainingSet;
        this.pool = pool;
        this.submits = new GroupCommit<>(this::insert, SubmissionWriter::dataError, config.submitWritesInFlight(),
                MAX_SUBMITS_PER_WRITE);
    }

    /**
     * A new completion {@code c}, already marked submitted: written with its CREATED and SUBMITTED history, its
     * event, the recount request and the request's stored answer ({@code answerColumns}, nulls
     * without a key), all in one statement.
     */
    Uni<Void> submitNew(Completion c, int spans, String createdDetail, Object[] answerColumns) {
        List<Object> row = new ArrayList<>(List.of(c.id, c.taskId, c.projectId, c.author, c.spans, c.createdAt,
                createdDetail));
        row.addAll(Arrays.asList(outbox.row(event(c, spans))));
        row.addAll(Arrays.asList(answerColumns));
        return submits.write(row.toArray()).invoke(() -> logSubmitted(c));
    }

    /** A new draft {@code c} with its CREATED history and the request's stored answer, in one statement. */
    Uni<Void> insertDraft(Completion c, String createdDetail, Object[] answerColumns) {
        List<Object> row = new ArrayList<>(List.of(c.id, c.taskId, c.projectId, c.author, c.spans, c.createdAt,
                createdDetail));
        row.addAll(Arrays.asList(answerColumns));
        return pool.preparedQuery(INSERT_DRAFT).execute(Tuple.from(row)).replaceWithVoid();
    }

    /** {@code c}, an existing completion, submitted by {@code caller} inside the caller's transaction. */
    Uni<Void> submitted(Completion c, String caller) {
        c.submitted = true;
        c.submittedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return CompletionHistory.of(c.id, "SUBMITTED", caller, null).persist()
                .chain(() -> outbox.append(event(c, SpanCodec.read(c.spans).size())))
                .chain(() -> trainingSet.requestRecount(c.projectId))
                .invoke(() -> logSubmitted(c));
    }

    /** Submits waiting for a write slot: all slots are busy writing earlier batches. */
    int waitingSubmits() {
        return submits.waiting();
    }

    private static CompletionSubmitted event(Completion c, int spans) {
        return new CompletionSubmitted(c.projectId, c.taskId, c.id, c.author, spans);
    }

    private static void logSubmitted(Completion c) {
        LOG.debugf("project %s: completion %s of task %s submitted by %s", c.projectId, c.id, c.taskId, c.author);
    }

    /** One statement for a batch of submitted completions' rows, each in {@link #COLUMNS} order. */
    private Uni<Void> insert(List<Object[]> rows) {
        Tuple columns = Tuple.tuple();
        for (int column = 0; column < COLUMNS.length; column++) {
            Object values = Array.newInstance(COLUMNS[column], rows.size());
            for (int row = 0; row < rows.size(); row++) {
                Array.set(values, row, rows.get(row)[column]);
            }
            columns.addValue(values);
        }
        return pool.preparedQuery(INSERT_SUBMITTED).execute(columns).replaceWithVoid();
    }

    /**
     * A failure that one submit may cause, so that its batch is worth writing again submit by
     * submit: its data (an integrity constraint, a data exception), or a deadlock with another batch
     * over the same idempotency keys (taken in key order, but another instance's batch may hold one).
     */
    private static boolean dataError(Throwable failure) {
        return failure instanceof PgException pg && pg.getSqlState() != null
                && (pg.getSqlState().startsWith("23") || pg.getSqlState().startsWith("22")
                        || DEADLOCK.equals(pg.getSqlState()));
    }
}
