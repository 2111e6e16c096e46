package org.annotationlab.training.launcher;

/**
 * Where training runs execute: a Kubernetes Job per run, or a child process on this machine
 * (DESIGN.md §5). Chosen by {@code lab.training.launcher} ({@code LAB_WORKLOAD_LAUNCHER}).
 *
 * <p>The service keeps every run's state in its database and asks the launcher, once a second,
 * how each running workload is doing; the launcher never calls back. Both adapters run the same
 * {@code nlp-runner} arguments, which write progress, logs, metrics and the model into the run's
 * folder of the model store that the service also sees.
 */
public interface WorkloadLauncher {

    /**
     * Starts the workload of a run.
     *
     * @return the workload's handle (a Job name, a process id), stored with the run
     * @throws LaunchException when the workload could not be created; nothing of it is left behind
     */
    String launch(TrainingWorkload workload) throws LaunchException;

    /**
     * How the workload is doing now. Works after a service restart from the run's stored handle:
     * a workload that no longer exists and left no outcome is {@link WorkloadStatus.Phase#MISSING}.
     */
    WorkloadStatus status(TrainingWorkload workload, String handle);

    /** Stops the workload and removes it; does nothing when it is already gone. */
    void cancel(TrainingWorkload workload, String handle);

    /** The launcher could not start a workload; the message says why (shown to the user). */
    final class LaunchException extends Exception {
        public LaunchException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
