package org.annotationlab.annotation.task;

import static org.annotationlab.annotation.completion.Completion.ReviewStatus.ACCEPTED;
import static org.annotationlab.annotation.completion.Completion.ReviewStatus.PENDING;
import static org.annotationlab.annotation.completion.Completion.ReviewStatus.REJECTED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskStateTest {

    private static TaskState taskWith(TaskState... completions) {
        return List.of(completions).stream().reduce(TaskState.NONE, TaskState::and);
    }

    @Test
    void aCompletionIsADraftUntilSubmittedThenAwaitsReviewUntilReviewed() {
        assertEquals(TaskState.DRAFT, TaskState.of(false, PENDING));
        assertEquals(TaskState.SUBMITTED, TaskState.of(true, PENDING));
        assertEquals(TaskState.ACCEPTED, TaskState.of(true, ACCEPTED));
        assertEquals(TaskState.REJECTED, TaskState.of(true, REJECTED));
    }

    @Test
    void anAcceptedCompletionMakesTheTaskAcceptedWhateverElseItHas() {
        assertEquals(TaskState.ACCEPTED, taskWith(TaskState.SUBMITTED, TaskState.ACCEPTED, TaskState.REJECTED));
    }

    @Test
    void withoutAcceptanceACompletionAwaitingReviewWinsOverRejectedAndDrafts() {
        assertEquals(TaskState.SUBMITTED, taskWith(TaskState.REJECTED, TaskState.DRAFT, TaskState.SUBMITTED));
    }

    @Test
    void aRejectedCompletionWinsOverDraftsAndADraftOverNothing() {
        assertEquals(TaskState.REJECTED, taskWith(TaskState.DRAFT, TaskState.REJECTED));
        assertEquals(TaskState.DRAFT, taskWith(TaskState.DRAFT));
        assertEquals(TaskState.NONE, taskWith());
    }

    @Test
    void theApiNamesStatesInLowerCase() {
        assertEquals("submitted", TaskState.SUBMITTED.value());
    }
}
