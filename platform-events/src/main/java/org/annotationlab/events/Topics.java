package org.annotationlab.events;

/** Kafka topic names: one per publishing service (DESIGN.md §7). Events are keyed by project id. */
public final class Topics {
    public static final String PROJECTS = "lab.projects";
    public static final String ANNOTATIONS = "lab.annotations";
    public static final String TRAININGS = "lab.trainings";
    public static final String DEPLOYMENTS = "lab.deployments";
    public static final String PREANNOTATIONS = "lab.preannotations";

    /**
     * The incoming channel of each topic, named the same in every service that consumes it; a
     * service binds it to its topic in its application.properties
     * ({@code mp.messaging.incoming.<channel>.topic}). Each is consumed by one {@code <Topic>Consumer}
     * in the service's {@code events} package.
     */
    public static final class Channels {
        public static final String PROJECTS = "lab-projects";
        public static final String ANNOTATIONS = "lab-annotations";
        public static final String TRAININGS = "lab-trainings";
        public static final String DEPLOYMENTS = "lab-deployments";
        public static final String PREANNOTATIONS = "lab-preannotations";

        private Channels() {
        }
    }

    private Topics() {
    }
}
