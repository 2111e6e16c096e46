package org.annotationlab.web.client;

/**
 * Another service's 4xx: its answer about the request itself (not found, conflict, forbidden,
 * invalid). A business answer, not a failure of that service: the clients never retry it and it
 * does not count toward opening a circuit ({@code abortOn} / {@code skipOn}).
 */
public final class RemoteRefusal extends RemoteProblem {

    public RemoteRefusal(int status, String reason, String detail) {
        super(status, reason, detail);
    }
}
