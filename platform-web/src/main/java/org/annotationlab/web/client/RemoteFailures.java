package org.annotationlab.web.client;

import java.net.ConnectException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * How a call to another service failed, as the typed clients report it: the service's answer
 * ({@link RemoteProblem}), no connection, no answer in time ({@link TimeoutException}), or not
 * called at all because its circuit is open ({@link CircuitBreakerOpenException}).
 */
public final class RemoteFailures {

    private RemoteFailures() {
    }

    /**
     * Whether nobody answers at the address (refused or timed-out connection), or the server says
     * it is not ready (503): it may be starting, restarting, or moving. Other failures are answers
     * about the request, or a server that failed while handling it.
     */
    public static boolean unreachable(Throwable failure) {
        if (failure instanceof RemoteProblem problem) {
            return problem.status() == 503;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** The failure in a few words, for a log line, a run's message or a problem's detail. */
    public static String describe(Throwable failure) {
        if (failure instanceof RemoteProblem) {
            return failure.getMessage();
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return "not called: it failed repeatedly just before (circuit open)";
        }
        if (failure instanceof TimeoutException) {
            return "no answer in time";
        }
        Throwable deepest = failure;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        return deepest.getMessage() != null ? deepest.getMessage() : deepest.getClass().getSimpleName();
    }
}
