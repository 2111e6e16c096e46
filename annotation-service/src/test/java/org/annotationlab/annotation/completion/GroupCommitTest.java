package org.annotationlab.annotation.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How concurrent writes are grouped, and what happens to a batch that fails. */
class GroupCommitTest {

    private final List<List<String>> batches = new ArrayList<>();
    /** Writes the test has not finished yet, oldest first. */
    private final Deque<UniEmitter<? super Void>> unfinished = new ArrayDeque<>();
    /** Per item: "stored", or the message it failed with. */
    private final Map<String, String> outcomes = new LinkedHashMap<>();

    @Test
    void itemsArrivingWhileTheWritesAreBusyLeaveTogetherUpToTheBatchLimit() {
        GroupCommit<String> commit = new GroupCommit<>(this::heldWrite, IllegalStateException.class::isInstance, 1, 3);

        write(commit, "a");
        List.of("b", "c", "d", "e").forEach(item -> write(commit, item));
        assertEquals(List.of(List.of("a")), batches, "a lone item leaves at once, the rest wait");

        finishOldest();
        finishOldest();
        finishOldest();
        assertEquals(List.of(List.of("a"), List.of("b", "c", "d"), List.of("e")), batches);
        assertEquals(Map.of("a", "stored", "b", "stored", "c", "stored", "d", "stored", "e", "stored"), outcomes);

        write(commit, "f");
        assertEquals(List.of("f"), batches.get(3), "with the writes idle again, a new item leaves at once");
    }

    @Test
    void aFailedBatchIsWrittenAgainItemByItemSoOnlyTheBadItemFails() {
        GroupCommit<String> commit = new GroupCommit<>(batch -> batch.equals(List.of("a")) ? heldWrite(batch)
                : failsOnBad(batch), IllegalStateException.class::isInstance, 1, 10);

        write(commit, "a");
        List.of("b", "bad", "c").forEach(item -> write(commit, item));
        finishOldest();

        assertEquals(List.of(List.of("a"), List.of("b", "bad", "c"), List.of("b"), List.of("bad"), List.of("c")),
                batches);
        assertEquals(Map.of("a", "stored", "b", "stored", "bad", "bad row", "c", "stored"), outcomes);
        write(commit, "d");
        assertEquals("stored", outcomes.get("d"), "the failure left no write slot taken");
    }

    @Test
    void aBatchThatFailsForNoItemsFaultFailsAllItsItemsWithoutWritingThemAgain() {
        GroupCommit<String> commit = new GroupCommit<>(batch -> {
            if (batch.equals(List.of("a"))) {
                return heldWrite(batch);
            }
            batches.add(batch);
            return Uni.createFrom().failure(new RuntimeException("connection closed"));
        }, IllegalStateException.class::isInstance, 1, 10);

        write(commit, "a");
        List.of("b", "c").forEach(item -> write(commit, item));
        finishOldest();

        assertEquals(List.of(List.of("a"), List.of("b", "c")), batches);
        assertEquals(Map.of("a", "stored", "b", "connection closed", "c", "connection closed"), outcomes);
    }

    @Test
    void aWriteThatThrowsFailsItsItemsInsteadOfLosingThem() {
        GroupCommit<String> commit = new GroupCommit<>(batch -> {
            batches.add(batch);
            throw new IllegalArgumentException("cannot bind " + batch.get(0));
        }, IllegalStateException.class::isInstance, 1, 10);

        write(commit, "x");
        write(commit, "y");

        assertEquals(Map.of("x", "cannot bind x", "y", "cannot bind y"), outcomes);
    }

    private void write(GroupCommit<String> commit, String item) {
        commit.write(item).subscribe().with(ignored -> outcomes.put(item, "stored"),
                failure -> outcomes.put(item, failure.getMessage()));
    }

    private Uni<Void> heldWrite(List<String> batch) {
        batches.add(batch);
        return Uni.createFrom().<Void>emitter(unfinished::add);
    }

    private Uni<Void> failsOnBad(List<String> batch) {
        batches.add(batch);
        return batch.contains("bad") ? Uni.createFrom().failure(new IllegalStateException("bad row"))
                : Uni.createFrom().voidItem();
    }

    private void finishOldest() {
        UniEmitter<? super Void> oldest = unfinished.poll();
        assertNotNull(oldest, "a write is unfinished");
        oldest.complete(null);
    }
}
