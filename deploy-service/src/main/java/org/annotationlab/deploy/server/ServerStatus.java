package org.annotationlab.deploy.server;

/**
 * A model server's state as its launcher sees it.
 *
 * @param phase   where it is
 * @param message for FAILED/MISSING why; null otherwise
 */
public record ServerStatus(Phase phase, String message) {

    public enum Phase {
        /** Created or updating; not yet serving exactly the requested models. */
        STARTING,
        /** Ready and serving exactly the requested model list. */
        READY,
        /** The requested list will not become ready (load failure, crash, rollout deadline). */
        FAILED,
        /** There is no server for the project. */
        MISSING
    }

    public static ServerStatus starting() {
        return new ServerStatus(Phase.STARTING, null);
    }

    public static ServerStatus ready() {
        return new ServerStatus(Phase.READY, null);
    }

    public static ServerStatus failed(String message) {
        return new ServerStatus(Phase.FAILED, message);
    }

    public static ServerStatus missing(String message) {
        return new ServerStatus(Phase.MISSING, message);
    }
}
