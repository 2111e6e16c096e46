package org.annotationlab.deploy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.annotationlab.workloads.KubernetesSettings;

/** deploy-service settings (environment names in docs/configuration.md). */
@ConfigMapping(prefix = "lab.deploy")
public interface DeployConfig {

    /** Where model servers run: {@code local} (child processes, the default) or {@code kubernetes}. */
    @WithDefault("local")
    Launcher launcher();

    /** The model store folder (training runs' outputs), the same path in model servers. */
    String modelStorePath();

    /** project-service's base URL: the labeling-config rewrite after a training goes through its API. */
    String projectUrl();

    /** A deployment not READY after this long fails (NOT_READY_IN_TIME); the previous list keeps serving. */
    @WithDefault("5m")
    Duration readyTimeout();

    /** How often deployments are applied and followed. */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * How often every project's serving deployment is checked against its model server: a server
     * that is gone (a local process that exited, a Deployment deleted behind its back) is
     * deployed again with the same models. Pre-annotation runs wait for it meanwhile.
     */
    @WithDefault("10s")
    Duration restoreInterval();

    /** A deploy-after-training whose config rewrite keeps being refused gives up after this many tries. */
    @WithDefault("120")
    int rewriteAttempts();

    /** Pretrained models shipped with the platform: name → labels and path in the model store. */
    Map<String, Pretrained> pretrained();

    Local local();

    Kubernetes kubernetes();

    enum Launcher {
        LOCAL, KUBERNETES
    }

    interface Pretrained {
        List<String> labels();

        String path();
    }

    interface Local {
        @WithDefault("nlp-runner/nlp-runner")
        String nlpRunner();

        /**
         * JVM options added after the sized ones ({@code RunnerJvm}: the heap follows the models the
         * server starts with); a {@code -Xmx} here overrides the sized heap.
         */
        Optional<String> javaOpts();
    }

    /** The Kubernetes launcher: image, model store claim and namespace of the servers, and what only servers have. */
    interface Kubernetes extends KubernetesSettings {
        /** An apps/v1 DeploymentSpec as JSON (the chart's model-server template). */
        Optional<String> deploymentTemplate();

        /** The port {@code nlp-runner serve} listens on, and the model server Service's port. */
        @WithDefault("8080")
        int port();
    }
}
