package org.annotationlab.deploy.server;

import java.util.UUID;

/**
 * Where a project's model server ({@code nlp-runner serve}) runs: a Kubernetes Deployment and
 * Service, or a local process (DESIGN.md §6). Chosen by {@code lab.deploy.launcher}
 * ({@code LAB_WORKLOAD_LAUNCHER}). One server per project; deploying again moves it to the new
 * model list (a rolling update, or an atomic swap of the running process's list), and a failed
 * move leaves the previous list serving.
 *
 * <p>The service keeps each deployment's state in its database and asks the launcher, about once
 * a second, how the project's server is doing; the launcher never calls back.
 */
public interface ModelServerLauncher {

    /**
     * Creates the project's server with these models, or moves the existing one to them.
     *
     * @return the base URL callers send {@code POST /predict} to
     * @throws LaunchException when the server could not be created or refused the list; the
     *                         previous server, if any, keeps serving its previous list
     */
    String apply(ModelServer server) throws LaunchException;

    /** How the project's server is doing with respect to {@code server}'s model list. */
    ServerStatus status(ModelServer server);

    /** Removes the project's server (project deleted); nothing happens when there is none. */
    void remove(UUID projectId);

    /** The launcher could not apply a model list; the message says why (shown to the user). */
    final class LaunchException extends Exception {
        public LaunchException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
