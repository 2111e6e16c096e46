package org.annotationlab.training.run;

/** What started a run. */
public enum Trigger {
    /** Train Now. */
    MANUAL,
    /** The selected training set grew by the project's N (DESIGN.md §5, active learning). */
    ACTIVE_LEARNING
}
