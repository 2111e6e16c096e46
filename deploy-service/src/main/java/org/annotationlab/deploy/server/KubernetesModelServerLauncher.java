package org.annotationlab.deploy.server;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Objects;
import java.util.UUID;
import org.annotationlab.workloads.FollowedResources;
import org.annotationlab.workloads.PodTemplates;
import org.annotationlab.workloads.RunnerJvm;

/**
 * Runs each project's model server as a Kubernetes Deployment behind a ClusterIP Service of the
 * same name (DESIGN.md §6), both built by {@link ModelServerDeployments}, the rollout read back by
 * {@link RolloutStatus}; this class only talks to the API server.
 *
 * <p>Both objects are created when absent, else edited: this service's labels and the whole
 * Deployment spec, the Service's type, selector and ports are set, and what the API server or
 * other controllers set elsewhere (status, a Service's cluster IP, annotations) is left alone.
 *
 * <p>{@link #status} is asked about every deployment once a second, so it reads a local cache of
 * this service's Deployments kept by an informer. Deployments are found by name alone, so a
 * restarted service picks up the servers it created before.
 *
 * <p>Plain Java for a CDI producer: {@link #close()} stops the informer, not the client.
 */
public final class KubernetesModelServerLauncher implements ModelServerLauncher, AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    /** The settings with the namespace resolved. */
    private final ModelServerDeployments.Settings settings;

    private final FollowedResources<Deployment> deployments;

    /**
     * Checks the settings now, so a broken template stops the service at start rather than
     * failing every deployment. Follows no Deployments yet: that starts with the first apply or status.
     *
     * @throws IllegalArgumentException as {@link ModelServerDeployments#check}
     */
    public KubernetesModelServerLauncher(KubernetesClient client, ModelServerDeployments.Settings settings) {
        this.client = Objects.requireNonNull(client, "client");
        Objects.requireNonNull(settings, "settings");
        this.namespace = PodTemplates.namespace(client, settings.namespace());
        this.settings = settings.inNamespace(namespace);
        ModelServerDeployments.check(this.settings);
        this.deployments = new FollowedResources<>("model server Deployments", namespace,
                () -> client.apps().deployments().inNamespace(namespace)
                        .withLabel(PodTemplates.MANAGED_BY_LABEL, ModelServerDeployments.MANAGED_BY).runnableInformer(0),
                name -> client.apps().deployments().inNamespace(namespace).withName(name).get());
    }

    @Override
    public String apply(ModelServer server) throws LaunchException {
        String name = server.name();
        Deployment deployment = ModelServerDeployments.desired(server, settings, RunnerJvm.serverHeapMb(server.modelPaths()));
        Service service = ModelServerDeployments.desiredService(server, settings);
        deployments.start(); // the first apply starts following Deployments
        try {
            // The Service first: a Deployment without its Service would serve nobody. Each is
            // created, or when it exists edited: read again from the cluster and a JSON patch of
            // the differences sent. (Editing the operation createOr passes would diff against this
            // class's own object instead, and send nothing of the change.)
            var services = client.services().inNamespace(namespace);
            services.resource(service)
                    .createOr(exists -> services.withName(name)
                            .edit(current -> ModelServerDeployments.updated(current, service)));
            var deployments = client.apps().deployments().inNamespace(namespace);
            deployments.resource(deployment)
                    .createOr(exists -> deployments.withName(name)
                            .edit(current -> ModelServerDeployments.updated(current, deployment)));
        } catch (KubernetesClientException e) {
            throw new LaunchException("could not apply the model server " + name + " in namespace " + namespace
                    + ": " + PodTemplates.apiReason(e), e);
        }
        return "http://" + name + "." + namespace + ".svc:" + settings.port();
    }

    @Override
    public ServerStatus status(ModelServer server) {
        String name = server.name();
        FollowedResources.Lookup<Deployment> found = deployments.find(name);
        if (!found.known()) {
            return ServerStatus.starting();
        }
        if (found.missing()) {
            return ServerStatus.missing("no model server Deployment " + name + " in namespace " + namespace);
        }
        return RolloutStatus.of(found.resource(), server.modelsArgument());
    }

    @Override
    public void remove(UUID projectId) {
        String name = ModelServer.nameOf(projectId);
        // Background propagation: the Deployment goes at once, the garbage collector removes its pods.
        // Objects that are already gone answer with an empty list, not an error.
        client.apps().deployments().inNamespace(namespace).withName(name)
                .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                .delete();
        client.services().inNamespace(namespace).withName(name).delete();
    }

    /** Stops following Deployments; the launcher cannot be used after. The client belongs to the caller and stays open. */
    @Override
    public void close() {
        deployments.close();
    }
}
