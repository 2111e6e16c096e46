package org.annotationlab.annotation.completion;

import java.util.List;
import org.annotationlab.annotation.span.Span;
import org.annotationlab.annotation.span.SpanCodec;

/** Maps completion entities to their API view. */
public final class CompletionViews {

    private CompletionViews() {
    }

    public static CompletionDtos.View of(Completion c) {
        return of(c, SpanCodec.read(c.spans));
    }

    /** The view of a completion whose spans the caller already holds (no need to read them back). */
    public static CompletionDtos.View of(Completion c, List<Span> spans) {
        return new CompletionDtos.View(c.id, c.taskId, c.author, spans, c.submitted, c.submittedAt,
                c.reviewStatus, c.reviewer, c.reviewComment, c.reviewedAt, c.fromPrediction, c.createdAt, c.updatedAt);
    }
}
