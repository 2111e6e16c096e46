package org.annotationlab.helm;

import java.util.Optional;

/** A gateway as the chart configures it: where a request path ends up, if anywhere. */
interface Gateway {

    /** Where a request ends up: a Service, its port, and the path the service receives. */
    record Forward(String service, int port, String path) {
    }

    /** The forward for this request path; empty when the gateway does not forward it. */
    Optional<Forward> route(String requestPath);
}
