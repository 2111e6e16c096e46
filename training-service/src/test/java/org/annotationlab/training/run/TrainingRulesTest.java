package org.annotationlab.training.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.training.project.ProjectTraining;
import org.annotationlab.web.problem.ProblemException;
import org.junit.jupiter.api.Test;

class TrainingRulesTest {

    @Test
    void activeLearningCountsGrowthFromWhatTheLastRunTrainedOn() {
        assertEquals(0, TrainingRules.baseline(null));
        assertTrue(TrainingRules.activeLearningDue(50, null, 50), "the first run at N");
        assertFalse(TrainingRules.activeLearningDue(49, null, 50));

        TrainingRun exported = run(120, 100); // queued at 120 selected, exported 100 (some were dropped)
        assertEquals(100, TrainingRules.baseline(exported));
        assertEquals(150, TrainingRules.nextActiveLearningAt(exported, 50));
        assertTrue(TrainingRules.activeLearningDue(150, exported, 50));
        assertFalse(TrainingRules.activeLearningDue(149, exported, 50));

        TrainingRun neverExported = run(120, null); // cancelled or failed before its export
        assertEquals(120, TrainingRules.baseline(neverExported));
        assertFalse(TrainingRules.activeLearningDue(169, neverExported, 50));
    }

    @Test
    void trainNowIsDisabledForWhatItWouldRefuse() {
        ProblemException training = ProblemException.conflict("TRAINING_IN_PROGRESS", "run 3 is RUNNING");
        assertEquals(new TrainingStatus.Blocker("TRAINING_IN_PROGRESS", "run 3 is RUNNING"),
                TrainingRules.blocker(training, false, ProjectRole.OWNER), "busy comes before the role");
        assertEquals("FORBIDDEN", TrainingRules.blocker(null, false, ProjectRole.REVIEWER).reason());
        assertEquals("FORBIDDEN", TrainingRules.blocker(null, false, ProjectRole.ANNOTATOR).reason());
        assertNull(TrainingRules.blocker(null, false, ProjectRole.MANAGER));
        assertNull(TrainingRules.blocker(null, true, null), "the realm admin, not a member");
    }

    @Test
    void fewCompletionsWarnWithoutDisabling() {
        TrainingStatus.Blocker warning = TrainingRules.warning(19);
        assertEquals("INSUFFICIENT_DATA", warning.reason());
        assertTrue(warning.detail().startsWith("19 completions are selected for training; at least 20"), warning.detail());
        assertNull(TrainingRules.warning(20));
    }

    @Test
    void theStatusOfAFreeProjectWithFewCompletionsIsEnabledWithAWarning() {
        ProjectTraining project = ProjectTraining.unknown(java.util.UUID.randomUUID());
        project.selectedCount = 12;
        project.activeLearning = true;
        project.everyNCompletions = 50;

        TrainingStatus status = TrainingRules.status(project, null, ProjectRole.MANAGER, false, null, null, run(40, 30));

        assertTrue(status.enabled());
        assertNull(status.blockedBy());
        assertEquals("INSUFFICIENT_DATA", status.warning().reason());
        assertEquals(80, status.activeLearning().nextAtSelected(), "30 exported by the last run, plus 50");

        TrainingStatus annotator = TrainingRules.status(project, null, ProjectRole.ANNOTATOR, false, null, null, null);
        assertFalse(annotator.enabled());
        assertEquals("FORBIDDEN", annotator.blockedBy().reason());
        assertEquals(50, annotator.activeLearning().nextAtSelected());
    }

    private static TrainingRun run(int selectedCount, Integer datasetSize) {
        TrainingRun run = new TrainingRun();
        run.selectedCount = selectedCount;
        run.datasetSize = datasetSize;
        return run;
    }
}
