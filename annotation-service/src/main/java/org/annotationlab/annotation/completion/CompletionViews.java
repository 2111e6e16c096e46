package org.annotationlab.annotation.completion;

/** Maps completion entities to their API view. */
public final class CompletionViews {

    private CompletionViews() {
    }

    public static CompletionDtos.View of(Completion c) {
        return new CompletionDtos.View(c.id, c.taskId, c.author, SpanCodec.read(c.spans), c.submitted, c.submittedAt,
                c.reviewStatus, c.reviewer, c.reviewComment, c.reviewedAt, c.fromPrediction, c.createdAt, c.updatedAt);
    }
}
