package org.annotationlab.preannotation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** preannotation-service settings. */
@ConfigMapping(prefix = "lab.preannotation")
public interface PreannotationConfig {

    /** annotation-service's base URL: tasks in, predictions out. */
    String annotationUrl();

    /** Texts per {@code POST /predict} call and per predictions write. */
    @WithDefault("50")
    int batchSize();

    /** Attempts of one batch against the model server before its tasks are tried one by one. */
    @WithDefault("5")
    int batchAttempts();

    /** First wait between attempts; doubled each time. */
    @WithDefault("1s")
    Duration retryBackoff();

    /** Tasks one run may cover. */
    @WithDefault("100000")
    int maxTasks();

    /**
     * How often the worker looks for runs to carry on (those a restart left); a new run wakes it
     * at once. The scheduler does not support intervals under a second.
     */
    @WithDefault("1s")
    Duration pollInterval();
}
