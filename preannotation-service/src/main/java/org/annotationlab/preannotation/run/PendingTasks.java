package org.annotationlab.preannotation.run;

import io.quarkus.hibernate.reactive.panache.Panache;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.annotationlab.web.Blocking;

/** A run's PENDING tasks in order, a write batch at a time, read ahead several batches per query. */
final class PendingTasks {

    /** Batches of pending tasks read per query. */
    private static final int READ_AHEAD_BATCHES = 10;

    private final UUID runId;
    private final int batchSize;
    private final ArrayDeque<TaskRow> ahead = new ArrayDeque<>();
    private int lastRead = -1;
    private boolean exhausted;

    PendingTasks(UUID runId, int batchSize) {
        this.runId = runId;
        this.batchSize = batchSize;
    }

    /** Starts reading after this sequence number (the rows already in hand). */
    void skip(int seq) {
        lastRead = seq;
    }

    /** The next batch of rows; empty when none is left. */
    List<TaskRow> next() {
        if (ahead.size() < batchSize && !exhausted) {
            int limit = batchSize * READ_AHEAD_BATCHES;
            List<Object[]> rows = Blocking.await(() -> Panache.withSession(() -> Panache.getSession().flatMap(s -> s
                    .createNativeQuery("select seq, task_id, text from preannotation_task where run_id = :r"
                            + " and state = 'PENDING' and seq > :after order by seq limit :n", Object[].class)
                    .setParameter("r", runId).setParameter("after", lastRead).setParameter("n", limit)
                    .getResultList())));
            rows.forEach(row -> ahead.add(TaskRow.of(row)));
            exhausted = rows.size() < limit;
            if (!rows.isEmpty()) {
                lastRead = ahead.peekLast().seq();
            }
        }
        List<TaskRow> batch = new ArrayList<>(batchSize);
        while (batch.size() < batchSize && !ahead.isEmpty()) {
            batch.add(ahead.poll());
        }
        return batch;
    }
}
