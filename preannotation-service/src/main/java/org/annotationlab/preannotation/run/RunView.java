package org.annotationlab.preannotation.run;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.annotationlab.events.deployment.DeploymentStarted.DeployedModel;
import org.annotationlab.preannotation.project.ProjectState;

/** A run as the API shows it: state, progress (done / failed / total), the failed tasks and why. */
public record RunView(UUID id, UUID projectId, PreannotationRun.State state, String message, String requestedBy,
        UUID deploymentId, List<DeployedModel> models, Progress progress, List<TaskFailure> failures,
        boolean cancelRequested, Instant createdAt, Instant finishedAt) {

    public record Progress(int total, int done, int failed) {
    }

    public record TaskFailure(UUID taskId, String error) {
    }

    public static RunView of(PreannotationRun run, List<TaskFailure> failures) {
        return new RunView(run.id, run.projectId, run.state, run.message, run.requestedBy, run.deploymentId,
                ProjectState.models(run.models), new Progress(run.total, run.done, run.failed), failures,
                run.cancelRequested, run.createdAt, run.finishedAt);
    }
}
