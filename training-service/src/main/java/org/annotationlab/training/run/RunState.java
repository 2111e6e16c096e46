package org.annotationlab.training.run;

/** DESIGN.md §5: QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED. */
public enum RunState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean active() {
        return this == QUEUED || this == RUNNING;
    }
}
