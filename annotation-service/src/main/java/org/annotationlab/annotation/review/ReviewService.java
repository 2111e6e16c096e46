package org.annotationlab.annotation.review;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;
import org.annotationlab.annotation.completion.Completion;
import org.annotationlab.annotation.completion.CompletionDtos;
import org.annotationlab.annotation.completion.CompletionHistory;
import org.annotationlab.annotation.completion.CompletionService;
import org.annotationlab.annotation.completion.CompletionViews;
import org.annotationlab.annotation.task.Task;
import org.annotationlab.annotation.trainingset.TrainingSetTracker;
import org.annotationlab.events.annotation.CompletionReviewed;
import org.annotationlab.events.outbox.Outbox;
import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.web.problem.ProblemException;
import org.jboss.logging.Logger;

/**
 * Accepting and rejecting submitted completions. Reviewers review the tasks assigned to them for
 * review; Owners and Managers any task. A decision may be changed later (a rejected completion
 * accepted on second look); each one is kept in the history and recounts the training set.
 */
@ApplicationScoped
public class ReviewService {

    private static final Logger LOG = Logger.getLogger(ReviewService.class);

    private final Outbox outbox;
    private final TrainingSetTracker trainingSet;

    ReviewService(Outbox outbox, TrainingSetTracker trainingSet) {
        this.outbox = outbox;
        this.trainingSet = trainingSet;
    }

    @WithTransaction
    public Uni<CompletionDtos.View> review(UUID projectId, UUID completionId, String caller, ProjectRole role,
            CompletionDtos.Review decision) {
        return CompletionService.existing(projectId, completionId)
                .call(c -> Task.inProject(projectId, c.taskId).invoke(task -> {
                    if (role == ProjectRole.REVIEWER && !caller.equals(task.reviewer)) {
                        throw ProblemException.forbidden("task " + task.id + " is not assigned to you for review");
                    }
                }))
                .invoke(c -> {
                    if (caller.equals(c.author)) {
                        throw new ProblemException(403, "OWN_COMPLETION", "completion " + completionId
                                + " is your own; another reviewer decides on it, so it is checked by a second pair of eyes");
                    }
                    if (!c.submitted) {
                        throw ProblemException.conflict("NOT_SUBMITTED", "completion " + completionId
                                + " is a draft; only submitted completions are reviewed");
                    }
                })
                .call(c -> {
                    Completion.ReviewStatus status = Completion.ReviewStatus.valueOf(decision.status().name());
                    if (status == c.reviewStatus && caller.equals(c.reviewer)
                            && Objects.equals(decision.comment(), c.reviewComment)) {
                        // The same decision again (a retry, or requests racing): nothing new to write.
                        return Uni.createFrom().voidItem();
                    }
                    c.reviewStatus = status;
                    c.reviewer = caller;
                    c.reviewComment = decision.comment();
                    c.reviewedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    return CompletionHistory.of(c.id, decision.status().name(), caller, decision.comment()).persist()
                            .chain(() -> outbox.append(new CompletionReviewed(projectId, c.taskId, c.id, caller,
                                    decision.status().name())))
                            .chain(() -> trainingSet.requestRecount(projectId));
                })
                .invoke(c -> LOG.infof("project %s: completion %s %s by %s", projectId, completionId,
                        decision.status(), caller))
                .map(CompletionViews::of);
    }
}
