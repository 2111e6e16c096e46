package org.annotationlab.web.membership;

import io.smallrye.mutiny.Uni;
import org.annotationlab.events.EventCodec;
import org.annotationlab.events.EventEnvelope;

/**
 * A service's reaction to a {@code lab.projects} event (labels changed, project deleted, …). Every
 * handler bean runs inside the one idempotent transaction in which the event is consumed, after
 * the membership view is updated; handlers ignore the event types they do not care about.
 */
public interface ProjectEventHandler {

    Uni<Void> on(EventEnvelope event, EventCodec codec);
}
