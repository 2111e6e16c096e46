package org.annotationlab.annotation.completion;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Writes concurrent requests' rows together: one statement and one transaction for a batch instead
 * of one per request, which is most of what a small write costs PostgreSQL. An item leaves at once
 * while fewer than {@code inFlight} batches are being written, so a lone request never waits;
 * otherwise it waits for a batch to finish and leaves with what queued behind it (at most
 * {@code maxBatch} items). A batch is all or nothing, so when it fails for what may be one item's
 * data ({@code itemFault}: a constraint, not a lost connection) each of its items is written again
 * alone, and only the wrong one fails, with its own error; any other failure fails the whole batch
 * at once. Each caller resumes on the Vert.x context it submitted from.
 */
final class GroupCommit<T> {

    private record Waiting<T>(T item, UniEmitter<? super Void> emitter, Context context) {
        void complete() {
            resume(() -> emitter.complete(null));
        }

        void fail(Throwable failure) {
            resume(() -> emitter.fail(failure));
        }

        private void resume(Runnable action) {
            if (context != null && context != Vertx.currentContext()) {
                context.runOnContext(ignored -> action.run());
                return;
            }
            try {
                action.run();
            } catch (RuntimeException e) { // a caller's own failure must not keep the rest of its batch waiting
                LOG.warnf(e, "a caller of a group commit failed on its result");
            }
        }
    }

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    private final Function<List<T>, Uni<Void>> write;
    private final Predicate<Throwable> itemFault;
    private final int inFlight;
    private final int maxBatch;
    private final ArrayDeque<Waiting<T>> queue = new ArrayDeque<>();
    private int writing;

    /**
     * {@code write} stores a batch in one transaction: all of it, or none; {@code itemFault} tells
     * whether its failure may be due to one item, so that writing the items alone is worth it.
     */
    GroupCommit(Function<List<T>, Uni<Void>> write, Predicate<Throwable> itemFault, int inFlight, int maxBatch) {
        if (inFlight < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("inFlight and maxBatch must be at least 1");
        }
        this.write = write;
        this.itemFault = itemFault;
        this.inFlight = inFlight;
        this.maxBatch = maxBatch;
    }

    /**
     * Completes once the item is stored; fails with its batch's error, or after a data error with
     * the error of writing it alone.
     */
    Uni<Void> write(T item) {
        return Uni.createFrom().emitter(emitter -> {
            List<Waiting<T>> batch = null;
            synchronized (this) {
                queue.add(new Waiting<>(item, emitter, Vertx.currentContext()));
                if (writing < inFlight) {
                    writing++;
                    batch = take();
                }
            }
            if (batch != null) {
                start(batch);
            }
        });
    }

    /** The next batch, under the lock. */
    private List<Waiting<T>> take() {
        List<Waiting<T>> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
        while (!queue.isEmpty() && batch.size() < maxBatch) {
            batch.add(queue.poll());
        }
        return batch;
    }

    private void start(List<Waiting<T>> batch) {
        stored(batch.stream().map(Waiting::item).toList())
                .onItemOrFailure().transformToUni((ignored, failure) -> settle(batch, failure))
                .subscribe().with(ignored -> next(), ignored -> next());
    }

    /** The write of these items; a write that throws is a failed write. */
    private Uni<Void> stored(List<T> items) {
        return Uni.createFrom().deferred(() -> write.apply(items));
    }

    private Uni<Void> settle(List<Waiting<T>> batch, Throwable failure) {
        if (failure == null) {
            batch.forEach(Waiting::complete);
        } else if (batch.size() == 1 || !itemFault.test(failure)) {
            batch.forEach(waiting -> waiting.fail(failure));
        } else {
            return alone(batch);
        }
        return Uni.createFrom().voidItem();
    }

    /** Writes each item of a batch that failed on an item's data by itself, one after another. */
    private Uni<Void> alone(List<Waiting<T>> batch) {
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(waiting -> stored(List.of(waiting.item()))
                        .onItemOrFailure().transformToUni((ignored, failure) -> settle(List.of(waiting), failure)))
                .collect().last().replaceWithVoid();
    }

    /** A batch is done: the next one leaves, or the slot is free. */
    private void next() {
        List<Waiting<T>> batch;
        synchronized (this) {
            batch = queue.isEmpty() ? null : take();
            if (batch == null) {
                writing--;
            }
        }
        if (batch != null) {
            start(batch);
        }
    }

    /** How many items wait for a write slot now (for tests that hold the slot on purpose). */
    synchronized int waiting() {
        return queue.size();
    }
}
