package org.annotationlab.events;

/** Kafka topic names: one per publishing service (DESIGN.md §7). Events are keyed by project id. */
public final class Topics {
    public static final String PROJECTS = "lab.projects";
    public static final String ANNOTATIONS = "lab.annotations";
    public static final String TRAININGS = "lab.trainings";
    public static final String DEPLOYMENTS = "lab.deployments";
    public static final String PREANNOTATIONS = "lab.preannotations";

    private Topics() {
    }
}
