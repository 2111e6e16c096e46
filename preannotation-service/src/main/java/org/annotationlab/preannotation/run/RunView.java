package org.annotationlab.preannotation.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.annotationlab.events.deployment.DeploymentStarted.DeployedModel;
import org.annotationlab.preannotation.project.ProjectState;

/**
 * A run as the API shows it: which tasks it was started on, state, progress (done / failed /
 * total), the failed tasks and why; {@code background}: started by the platform to score the
 * unannotated tasks again after a deployment (it yields to a training).
 */
public record RunView(UUID id, UUID projectId, PreannotationRun.State state, String message, String requestedBy,
        UUID deploymentId, List<DeployedModel> models, Selection selection, Progress progress,
        List<TaskFailure> failures, boolean cancelRequested, boolean background, Instant createdAt, Instant finishedAt) {

    /**
     * The tasks a run was started on, as asked: {@code taskCount} chosen tasks (those with
     * {@code tag}, when given), or every task matching the filter given; only what was given is
     * shown, so {@code {}} is every task of the project.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Selection(Integer taskCount, String tag, String completion, String assignee, String reviewer,
            String predictions) {
    }

    public record Progress(int total, int done, int failed) {
    }

    public record TaskFailure(UUID taskId, String error) {
    }

    public static RunView of(PreannotationRun run, List<TaskFailure> failures) {
        return new RunView(run.id, run.projectId, run.state, run.message, run.requestedBy, run.deploymentId,
                ProjectState.models(run.models), selection(run), new Progress(run.total, run.done, run.failed), failures,
                run.cancelRequested, run.background, run.createdAt, run.finishedAt);
    }

    private static Selection selection(PreannotationRun run) {
        return new Selection(run.taskIds == null ? null : count(run.taskIds), run.tag, run.completion, run.assignee,
                run.reviewer, run.predictions);
    }

    /** The ids in the stored JSON array of task ids: UUIDs hold no comma, so its commas tell, without parsing 100k ids. */
    private static int count(String taskIdsJson) {
        int commas = 0;
        for (int i = 0; i < taskIdsJson.length(); i++) {
            if (taskIdsJson.charAt(i) == ',') {
                commas++;
            }
        }
        return commas + 1;
    }
}
