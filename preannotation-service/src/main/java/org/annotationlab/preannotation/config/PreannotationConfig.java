package org.annotationlab.preannotation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** preannotation-service settings. */
@ConfigMapping(prefix = "lab.preannotation")
public interface PreannotationConfig {

    /**
     * annotation-service's base URL: tasks in, predictions out (the client's
     * {@code quarkus.rest-client.annotation-service.url}).
     */
    String annotationUrl();

    /**
     * training-service's base URL: it holds the project's busy state, leased before a run starts
     * (the client's {@code quarkus.rest-client.training-service.url}).
     */
    String trainingUrl();

    /** Texts per {@code POST /predict} call. */
    @WithDefault("50")
    int batchSize();

    /**
     * Tasks per predictions write to annotation-service and per progress commit: their texts go to
     * the model server in calls of {@code batch-size}, one after the other, while the previous
     * write is made. Fewer, larger writes cost annotation-service and the database less per task.
     * A call never holds more texts than a write.
     */
    @WithDefault("100")
    int writeBatchSize();

    /**
     * Attempts of one batch against a model server that answers with an error, before its tasks
     * are tried one by one.
     */
    @WithDefault("5")
    int batchAttempts();

    /**
     * How long a batch waits for a model server that does not answer (crashed, being restored by
     * deploy-service — whose check runs every {@code lab.deploy.restore-interval} — or loading its
     * models) before its tasks are tried one by one.
     */
    @WithDefault("5m")
    Duration serverWait();

    /** First wait between attempts of a call to the model server; doubled each time, up to 5 s. */
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

    /**
     * How often a project whose pool is due to be scored again (a deployment with active learning
     * on, or a background run that yielded to a training) is considered: {@code RescoreScheduler}.
     */
    @WithDefault("5s")
    Duration rescoreInterval();
}
