package org.annotationlab.workloads;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pod every nlp-runner workload has, whatever its controller: the {@value #CONTAINER}
 * container and the model store mounted at the path the services see it at, so run folders are
 * absolute paths that mean the same in a service and in its pods.
 */
public final class PodTemplates {

    /** The container that runs nlp-runner. */
    public static final String CONTAINER = "nlp-runner";
    private static final String JAVA_OPTS = "JAVA_OPTS";
    public static final String MODEL_STORE_VOLUME = "model-store";
    /** On every workload and its pods: the service that made it; each service follows only its own. */
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    /** On every workload and its pods: the project it is for. */
    public static final String PROJECT_LABEL = "annotationlab.org/project";

    private PodTemplates() {
    }

    /**
     * A controller template's pod template with its metadata, labels and pod spec present (added
     * empty where missing), so a launcher can set its own without null checks.
     *
     * @param template the template's pod template; null: a new one
     * @return the same object, or the new one to set on the controller template
     */
    public static PodTemplateSpec completed(PodTemplateSpec template) {
        PodTemplateSpec completed = template == null ? new PodTemplateSpec() : template;
        if (completed.getMetadata() == null) {
            completed.setMetadata(new ObjectMeta());
        }
        if (completed.getMetadata().getLabels() == null) {
            completed.getMetadata().setLabels(new LinkedHashMap<>());
        }
        if (completed.getSpec() == null) {
            completed.setSpec(new PodSpec());
        }
        return completed;
    }

    /**
     * The {@value #CONTAINER} container with an image: the template's own, else {@code image}.
     *
     * @param kind for messages: what the template is of ("Job", "model server")
     * @throws IllegalArgumentException when neither gives one
     */
    public static Container runner(PodSpec pod, String image, String kind) {
        Container container = container(pod);
        if (isBlank(container.getImage())) {
            if (isBlank(image)) {
                throw new IllegalArgumentException("no nlp-runner image: the " + kind + " template's container has none"
                        + " and none is configured");
            }
            container.setImage(image);
        }
        return container;
    }

    /**
     * Sizes the {@value #CONTAINER} container as a local run is sized ({@link RunnerJvm}):
     * {@code JAVA_OPTS} is RunnerJvm's options with {@code -Xmx<heapMb>m}, then the template's own
     * {@code JAVA_OPTS} value (a later {@code -Xmx} there wins; one the template takes from elsewhere,
     * {@code valueFrom}, is left as it is); and the memory request and limit the template leaves unset
     * are the heap plus {@code nonHeapMb}.
     */
    public static void sizeRunner(Container container, long heapMb, long nonHeapMb) {
        List<EnvVar> env = new ArrayList<>(Optional.ofNullable(container.getEnv()).orElse(List.of()));
        EnvVar own = env.stream().filter(e -> JAVA_OPTS.equals(e.getName())).findFirst().orElse(null);
        if (own == null || own.getValueFrom() == null) {
            env.remove(own);
            env.add(new EnvVar(JAVA_OPTS, RunnerJvm.javaOpts(heapMb, own == null ? null : own.getValue()), null));
            container.setEnv(env);
        }
        ResourceRequirements resources = Optional.ofNullable(container.getResources()).orElseGet(ResourceRequirements::new);
        Quantity memory = new Quantity((heapMb + nonHeapMb) + "Mi");
        resources.setRequests(withMemory(resources.getRequests(), memory));
        resources.setLimits(withMemory(resources.getLimits(), memory));
        container.setResources(resources);
    }

    private static Map<String, Quantity> withMemory(Map<String, Quantity> given, Quantity memory) {
        Map<String, Quantity> all = new LinkedHashMap<>(Optional.ofNullable(given).orElse(Map.of()));
        all.putIfAbsent("memory", memory);
        return all;
    }

    /** A controller condition's {@code reason: message}, either alone when the other is blank, else {@code fallback}. */
    public static String reasonAndMessage(String reason, String message, String fallback) {
        if (isBlank(reason)) {
            return isBlank(message) ? fallback : message;
        }
        return isBlank(message) ? reason : reason + ": " + message;
    }

    /** The template's {@value #CONTAINER} container, added when it has none. */
    public static Container container(PodSpec pod) {
        if (pod.getContainers() == null) {
            pod.setContainers(new ArrayList<>());
        }
        return pod.getContainers().stream().filter(c -> CONTAINER.equals(c.getName())).findFirst().orElseGet(() -> {
            Container added = new Container();
            added.setName(CONTAINER);
            pod.getContainers().add(added);
            return added;
        });
    }

    /**
     * The model store volume (the template's, else {@code claim}) mounted once at {@code path},
     * read-only or not as asked; anything else of the template is kept.
     *
     * @param kind for messages: what the template is of ("Job", "model server")
     */
    public static void mountModelStore(PodSpec pod, Container container, String claim, String path, boolean readOnly,
            String kind) {
        if (pod.getVolumes() == null) {
            pod.setVolumes(new ArrayList<>());
        }
        Optional<Volume> volume = pod.getVolumes().stream().filter(v -> MODEL_STORE_VOLUME.equals(v.getName())).findFirst();
        if (volume.isEmpty()) {
            if (isBlank(claim)) {
                throw new IllegalArgumentException("no model store claim: the " + kind + " template has no "
                        + MODEL_STORE_VOLUME + " volume and none is configured");
            }
            pod.getVolumes().add(new VolumeBuilder().withName(MODEL_STORE_VOLUME)
                    .withNewPersistentVolumeClaim(claim, readOnly).build());
        } else if (volume.get().getPersistentVolumeClaim() != null) {
            volume.get().getPersistentVolumeClaim().setReadOnly(readOnly);
        }
        if (container.getVolumeMounts() == null) {
            container.setVolumeMounts(new ArrayList<>());
        }
        Optional<VolumeMount> mount = container.getVolumeMounts().stream()
                .filter(m -> MODEL_STORE_VOLUME.equals(m.getName())).findFirst();
        if (mount.isEmpty()) {
            if (isBlank(path)) {
                throw new IllegalArgumentException("no model store path: the " + kind + " template does not mount "
                        + MODEL_STORE_VOLUME + " and none is configured");
            }
            container.getVolumeMounts().add(new VolumeMountBuilder().withName(MODEL_STORE_VOLUME)
                    .withMountPath(path).withReadOnly(readOnly).build());
        } else {
            if (!isBlank(path)) {
                mount.get().setMountPath(path);
            }
            mount.get().setReadOnly(readOnly);
        }
    }

    /** The configured namespace, else the client's, else {@code default}. */
    public static String namespace(io.fabric8.kubernetes.client.KubernetesClient client, String configured) {
        return !isBlank(configured) ? configured : Optional.ofNullable(client.getNamespace()).orElse("default");
    }

    /** The API server's own words when it gave any. */
    public static String apiReason(KubernetesClientException e) {
        Status status = e.getStatus();
        return status != null && !isBlank(status.getMessage()) ? status.getMessage() : e.getMessage();
    }

    public static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
