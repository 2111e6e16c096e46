package org.annotationlab.training.launcher;

/**
 * A workload's state as its launcher sees it.
 *
 * @param phase   where it is
 * @param message for SUCCEEDED/FAILED the termination message ({@code <REASON>: <message>} as
 *                nlp-runner writes it, or whatever the platform reported instead); for MISSING
 *                why nothing is known; null while RUNNING
 */
public record WorkloadStatus(Phase phase, String message) {

    public enum Phase {
        /** Created and not finished (pending pods included). */
        RUNNING,
        SUCCEEDED,
        FAILED,
        /** The workload is gone and left no outcome (deleted Job, process killed with the service). */
        MISSING
    }

    public static WorkloadStatus running() {
        return new WorkloadStatus(Phase.RUNNING, null);
    }

    public static WorkloadStatus succeeded(String message) {
        return new WorkloadStatus(Phase.SUCCEEDED, message);
    }

    public static WorkloadStatus failed(String message) {
        return new WorkloadStatus(Phase.FAILED, message);
    }

    public static WorkloadStatus missing(String message) {
        return new WorkloadStatus(Phase.MISSING, message);
    }

    public boolean finished() {
        return phase != Phase.RUNNING;
    }
}
