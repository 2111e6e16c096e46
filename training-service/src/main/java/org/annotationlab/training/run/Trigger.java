package org.annotationlab.training.run;

/** What started a run. */
public enum Trigger {
    /** Train Now. */
    MANUAL,
    /** The selected training set grew by the project's N (DESIGN.md §5, active learning). */
    ACTIVE_LEARNING,
    /**
     * Train curve (issue 23 §3): Train Now with {@code curve}: the same training on 25, 50 and 75 %
     * of the set first, each scored on the test set, then the whole set; never deployed by itself.
     */
    CURVE;

    /** The shares of the training set a curve run trains on before the whole set (nlp-runner's {@code --curve}). */
    public static final String CURVE_FRACTIONS = "0.25,0.5,0.75";
}
