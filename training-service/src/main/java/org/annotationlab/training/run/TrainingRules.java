package org.annotationlab.training.run;

import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.training.contract.DataSufficiency;
import org.annotationlab.training.project.ProjectTraining;
import org.annotationlab.web.problem.ProblemException;
import org.annotationlab.web.security.ProjectPermission;

/**
 * The rules Train Now's status and active learning decide by, as pure functions: the status
 * endpoint shows exactly what Train Now and the active-learning trigger then do.
 */
public final class TrainingRules {

    private TrainingRules() {
    }

    /**
     * The selected-set size active learning counts growth from: the last run's exported dataset,
     * or the selected count it was queued with when it never exported one; 0 before any run.
     */
    public static int baseline(TrainingRun last) {
        return last == null ? 0 : last.datasetSize != null ? last.datasetSize : last.selectedCount;
    }

    /** The selected-set size at which active learning queues the next run. */
    public static int nextActiveLearningAt(TrainingRun last, int everyNCompletions) {
        return baseline(last) + everyNCompletions;
    }

    /** Whether the set has grown by {@code everyNCompletions} since the last run. */
    public static boolean activeLearningDue(int selectedCount, TrainingRun last, int everyNCompletions) {
        return selectedCount >= nextActiveLearningAt(last, everyNCompletions);
    }

    /**
     * Why Train Now is disabled for this caller, null when it is not: the project busy (what
     * Train Now answers 409), else a role that may not train.
     */
    public static TrainingStatus.Blocker blocker(ProblemException busy, boolean admin, ProjectRole role) {
        if (busy != null) {
            return new TrainingStatus.Blocker(busy.reason(), busy.getMessage());
        }
        if (!(admin || ProjectPermission.TRAIN.allows(role))) {
            return new TrainingStatus.Blocker("FORBIDDEN", "your role " + role + " may not train");
        }
        return null;
    }

    /**
     * The Train Now status: exactly what Train Now refuses (409/403) disables it; the data check is
     * made on the exported set when the run starts, so few completions are only a warning here.
     *
     * @param busy   why the project cannot start a run now, or null
     * @param active the project's QUEUED or RUNNING run, or null
     * @param last   its last finished run, or null
     * @param latest its most recent run of any state, or null
     */
    public static TrainingStatus status(ProjectTraining project, ProblemException busy, ProjectRole role, boolean admin,
            TrainingRun active, TrainingRun last, TrainingRun latest) {
        TrainingStatus.Blocker blocker = blocker(busy, admin, role);
        return new TrainingStatus(project.projectId, blocker == null, blocker, warning(project.selectedCount),
                project.selectedCount, active == null ? null : RunView.of(active), last == null ? null : RunView.of(last),
                new TrainingStatus.ActiveLearning(project.activeLearning, project.everyNCompletions,
                        project.deployAfterTraining, nextActiveLearningAt(latest, project.everyNCompletions)),
                project.servingModelList());
    }

    /**
     * A warning that leaves Train Now enabled: too few completions selected so far, one sentence
     * each (the run checks its exported set and fails with INSUFFICIENT_DATA).
     */
    public static TrainingStatus.Blocker warning(int selectedCount) {
        int least = DataSufficiency.MIN_SENTENCES;
        return selectedCount < least ? new TrainingStatus.Blocker("INSUFFICIENT_DATA", selectedCount
                + " completions are selected for training; at least " + least
                + " are needed, or the run will fail with INSUFFICIENT_DATA") : null;
    }
}
