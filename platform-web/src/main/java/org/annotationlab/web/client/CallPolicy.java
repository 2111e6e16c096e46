package org.annotationlab.web.client;

/**
 * The fault-tolerance policy of every typed client, written once and used in their
 * {@code @Retry} and {@code @CircuitBreaker} annotations (each call sets its own {@code @Timeout}).
 * Sized for a service mesh on one machine or one cluster: calls are cheap and fast, so a failed
 * one is retried soon, twice; a service that fails three of the last four attempts is not called
 * for five seconds (about a restart), after which one call tries it again. Only idempotent calls
 * are retried (GETs, PUT/DELETE of a lease, the predictions PUT that replaces a version); 4xx
 * answers ({@link RemoteRefusal}) are neither retried nor counted as failures. These are code, not
 * deployment settings (docs/configuration.md); Quarkus' {@code quarkus.fault-tolerance.*} properties
 * could still override them.
 */
public final class CallPolicy {

    /** Attempts after the first one for an idempotent call. */
    public static final int RETRIES = 2;

    /** Wait before a retry, in milliseconds, give or take {@link #RETRY_JITTER_MS}. */
    public static final long RETRY_DELAY_MS = 200;

    /** Random spread of a retry's wait, in milliseconds: callers that failed together do not retry together. */
    public static final long RETRY_JITTER_MS = 100;

    /** Attempts a circuit looks back over before it may open. */
    public static final int CIRCUIT_WINDOW = 4;

    /** Share of those attempts that failed (5xx, no connection, no answer in time) that opens the circuit. */
    public static final double CIRCUIT_FAILURE_RATIO = 0.75;

    /** Seconds an open circuit fails calls at once before one call may try the service again. */
    public static final long CIRCUIT_DELAY_S = 5;

    private CallPolicy() {
    }
}
