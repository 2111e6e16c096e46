package org.annotationlab.workloads;

import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The Kubernetes settings every nlp-runner workload shares, whatever its controller: training-service's
 * {@code lab.training.kubernetes} and deploy-service's {@code lab.deploy.kubernetes} config blocks
 * extend it (SmallRye config mappings inherit), so each property keeps its service's prefix and
 * environment variable (docs/configuration.md) and its default is written once, here.
 */
public interface KubernetesSettings {

    /** The nlp-runner image ({@code LAB_NLP_RUNNER_IMAGE}), used when the workload template's container names none. */
    @WithDefault("annotationlab/nlp-runner:0.1.0-SNAPSHOT")
    String image();

    /** The model store's PersistentVolumeClaim ({@code LAB_MODEL_STORE_PVC}), used when the template has no model store volume. */
    @WithDefault("annotation-lab-model-store")
    String modelStoreClaim();

    /** The namespace of the workloads; empty: the Kubernetes client's. */
    Optional<String> namespace();
}
