package org.annotationlab.training.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.annotationlab.training.contract.RunFiles;

/**
 * One training run's workload.
 *
 * @param runId     the run
 * @param projectId the project it trains for
 * @param name      a DNS-1123 name unique per run ({@code training-<run id>}): the Job's name
 * @param runDir    the run's folder in the model store, the same absolute path in the service,
 *                  the Job's pod and a local process (the store is mounted at one path everywhere)
 * @param args      the {@code nlp-runner} arguments, starting with {@code train}
 */
public record TrainingWorkload(UUID runId, UUID projectId, String name, Path runDir, List<String> args) {

    /** What the training reads, which its heap is sized from ({@code RunnerJvm}): the training set and the unlabelled text. */
    public Path[] inputs() {
        return new Path[] {runDir.resolve(RunFiles.TRAINING_SET), runDir.resolve(RunFiles.UNLABELLED)};
    }

    /** The file {@code nlp-runner --termination-log} writes in a local run: {@code <REASON>: <message>}. */
    public Path terminationFile() {
        return runDir.resolve("termination.log");
    }
}
