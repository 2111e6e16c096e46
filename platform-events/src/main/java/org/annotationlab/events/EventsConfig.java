package org.annotationlab.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the outbox relay, shared by every service. */
@ConfigMapping(prefix = "lab.events")
public interface EventsConfig {

    /** The CloudEvents source of events this service publishes, e.g. {@code project-service}. */
    @WithDefault("${quarkus.application.name}")
    String source();

    /** Relay settings. */
    Relay relay();

    /** Consumer settings. */
    Consumer consumer();

    /** How consumers treat an event whose effect fails. */
    interface Consumer {
        /** Retries (with backoff up to 30 s) before the record is given up to the channel's failure strategy. */
        @WithDefault("1000000")
        long retries();
    }

    /** How the outbox relay publishes. */
    interface Relay {
        /** Whether this instance publishes the outbox (one relay per database is enough, more are safe). */
        @WithDefault("true")
        boolean enabled();

        /** How often the relay looks for unpublished events (scheduler syntax, at least {@code 1s}). */
        @WithDefault("1s")
        String interval();

        /** How long after start the relay begins. */
        @WithDefault("1s")
        String delay();

        /** Largest number of events published in one relay transaction. */
        @WithDefault("200")
        int batchSize();

        /** Published rows older than this are deleted; the outbox is not an event store. */
        @WithDefault("P7D")
        Duration retention();
    }
}
