package org.annotationlab.workloads;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * The Kubernetes client of training-service's Jobs and deploy-service's model servers, built by
 * each only in its Kubernetes mode: nothing of Fabric8's client is loaded when they launch local
 * processes.
 */
public final class KubernetesClients {

    private KubernetesClients() {
    }

    /**
     * Fabric8's client configured as Fabric8 configures itself: in a pod from its service account
     * (namespace from {@code KUBERNETES_NAMESPACE} or the account's), elsewhere from
     * {@code ~/.kube/config} or the {@code kubernetes.*} system properties. The caller closes it.
     */
    public static KubernetesClient fromEnvironment() {
        return new KubernetesClientBuilder().build();
    }
}
