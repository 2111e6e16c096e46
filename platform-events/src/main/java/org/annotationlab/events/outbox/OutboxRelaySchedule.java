package org.annotationlab.events.outbox;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/**
 * Runs the {@link OutboxRelay} on a schedule. It touches the relay (and so its Kafka emitter) only
 * after the last startup observer ran: messaging connects its channels during startup, and a
 * scheduler tick during a slow start must not create the relay before that.
 */
@ApplicationScoped
public class OutboxRelaySchedule {

    private final Instance<OutboxRelay> relay;
    private volatile boolean started;

    OutboxRelaySchedule(Instance<OutboxRelay> relay) {
        this.relay = relay;
    }

    void onStart(@Observes @Priority(Integer.MAX_VALUE) StartupEvent event) {
        started = true;
    }

    @Scheduled(every = "${lab.events.relay.interval:1s}", delayed = "${lab.events.relay.delay:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "outbox-relay")
    Uni<Void> relay() {
        return started ? relay.get().scheduledRelay() : Uni.createFrom().voidItem();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "outbox-cleanup")
    Uni<Void> cleanup() {
        return started ? relay.get().deletePublished() : Uni.createFrom().voidItem();
    }
}
