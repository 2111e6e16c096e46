package org.annotationlab.workloads;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The Kubernetes resources a launcher created, followed by one informer (one watch, no API call
 * per poll) that is started on first use, retries after any failure — an unreachable API server
 * at start included — and is replaced if it stopped anyway. Resources are found by name, so a
 * restarted service finds the ones it created before.
 *
 * @param <T> the resource kind (Job, Deployment)
 */
public final class FollowedResources<T extends HasMetadata> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FollowedResources.class);

    private final String what;
    private final String namespace;
    private final Supplier<SharedIndexInformer<T>> informers;
    private final Function<String, T> get;
    private SharedIndexInformer<T> informer;
    private boolean closed;

    /**
     * @param what      for messages, e.g. "training Jobs"
     * @param namespace where the resources are
     * @param informers makes a not yet started informer on the launcher's resources (label-selected)
     * @param get       reads one resource by name from the API server (null when absent)
     */
    public FollowedResources(String what, String namespace, Supplier<SharedIndexInformer<T>> informers, Function<String, T> get) {
        this.what = what;
        this.namespace = namespace;
        this.informers = informers;
        this.get = get;
    }

    /** Starts following now (before the first lookup). */
    public void start() {
        informer();
    }

    /**
     * The resource named {@code name}: from the cache, or — the watch may not have delivered one
     * created a moment ago — from one GET. {@link Lookup#known()} is false while nothing can be
     * said yet (the informer has not synced, the GET failed).
     */
    public Lookup<T> find(String name) {
        SharedIndexInformer<T> followed = informer();
        if (!followed.hasSynced()) {
            return new Lookup<>(null, false);
        }
        T resource = followed.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name));
        if (resource != null) {
            return new Lookup<>(resource, true);
        }
        try {
            return new Lookup<>(get.apply(name), true);
        } catch (KubernetesClientException e) {
            LOG.warnf("could not read %s in namespace %s: %s", name, namespace, PodTemplates.apiReason(e));
            return new Lookup<>(null, false);
        }
    }

    /** Stops following; lookups fail after. */
    @Override
    public synchronized void close() {
        closed = true;
        if (informer != null) {
            informer.close();
            informer = null;
        }
    }

    private synchronized SharedIndexInformer<T> informer() {
        if (closed) {
            throw new IllegalStateException("no longer following " + what + ": the launcher is closed");
        }
        if (informer != null && informer.stopped().toCompletableFuture().isDone()) {
            informer.close();
            informer = null;
        }
        if (informer == null) {
            informer = informers.get();
            informer.exceptionHandler((started, failure) -> !ExceptionHandler.isDeserializationException(failure));
            informer.start().whenComplete((ignored, failure) -> {
                if (failure != null && !closed) {
                    LOG.warnf("cannot follow %s in namespace %s: %s", what, namespace, failure.getMessage());
                }
            });
        }
        return informer;
    }

    /**
     * What a lookup found.
     *
     * @param resource the resource, or null when it does not exist (if {@code known})
     * @param known    false when nothing can be said yet
     */
    public record Lookup<T>(T resource, boolean known) {
        public boolean missing() {
            return known && resource == null;
        }
    }
}
