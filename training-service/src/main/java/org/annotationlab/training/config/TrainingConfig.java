package org.annotationlab.training.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import org.annotationlab.workloads.KubernetesSettings;

/** training-service settings (environment names in docs/configuration.md). */
@ConfigMapping(prefix = "lab.training")
public interface TrainingConfig {

    /** Where runs execute: {@code local} (child processes, the default) or {@code kubernetes} (Jobs). */
    @WithDefault("local")
    Launcher launcher();

    /** At most this many runs are RUNNING at once across all projects (DESIGN.md §5: K). */
    @WithDefault("2")
    int maxConcurrent();

    /** The model store folder: one sub-folder per run, the same path in Jobs and processes. */
    String modelStorePath();

    /** annotation-service's base URL: the training set is exported from it. */
    String annotationUrl();

    /** How often runs are started and followed. */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * An instance preparing a run renews its lease on it every 2 s (so this must be at least 6 s);
     * a run whose lease has not been renewed for this long (its instance was killed) is prepared
     * again by another instance, or by the same one restarted.
     */
    @WithDefault("6s")
    Duration preparationLease();

    /** Preparations a run gets (the first, then takeovers) before it fails: its preparation keeps killing the service. */
    @WithDefault("3")
    int preparationAttempts();

    /** How often a server-sent event stream (a run's, the Train Now status) reads the state again. */
    @WithDefault("1s")
    Duration eventsInterval();

    Local local();

    Kubernetes kubernetes();

    enum Launcher {
        LOCAL, KUBERNETES
    }

    /** The local launcher. */
    interface Local {
        /** The {@code nlp-runner} launcher script. */
        @WithDefault("nlp-runner/nlp-runner")
        String nlpRunner();

        /**
         * JVM options added after the sized ones ({@code RunnerJvm}: the heap follows the staged
         * training set and unlabelled text); a {@code -Xmx} here overrides the sized heap.
         */
        Optional<String> javaOpts();
    }

    /** The Kubernetes launcher: image, model store claim and namespace of the Jobs, and what only Jobs have. */
    interface Kubernetes extends KubernetesSettings {
        /** A batch/v1 JobSpec as JSON (the chart's training Job template). */
        Optional<String> jobTemplate();

        /** Finished Jobs are deleted by Kubernetes after this long, unless the template says otherwise. */
        @WithDefault("86400")
        long ttlSecondsAfterFinished();
    }
}
