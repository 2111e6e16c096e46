package org.annotationlab.deploy.server;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.annotationlab.workloads.FollowedResources;
import org.annotationlab.workloads.PodTemplates;
import org.jboss.logging.Logger;

/**
 * Runs each project's model server as a Kubernetes Deployment of {@code nlp-runner serve} behind a
 * ClusterIP Service of the same name (DESIGN.md §6), the model store mounted read-only.
 *
 * <p>The Deployment is built from the chart's DeploymentSpec template ({@code LAB_WORKLOAD_TEMPLATE},
 * {@code lab.modelServerSpec}), so replicas, scheduling, resources and security settings stay in
 * the chart; this class only adds what makes it a project's server: name, labels, selector,
 * arguments, the model store, the port and a rolling update that never takes a ready pod away
 * before its replacement is ready. A new model list is a change of the pod template (arguments and
 * the {@value #MODELS_ANNOTATION} annotation), so it always rolls, and the previous list keeps
 * serving until the new pods are ready.
 *
 * <p>Both objects are created when absent, else edited: this class's labels and the whole
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

    /** The container that serves the models. */
    public static final String CONTAINER = PodTemplates.CONTAINER;
    public static final String MODEL_STORE_VOLUME = PodTemplates.MODEL_STORE_VOLUME;
    public static final String PORT_NAME = "http";
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "deploy-service";
    public static final String NAME_LABEL = "app.kubernetes.io/name";
    public static final String NAME = "model-server";
    public static final String PROJECT_LABEL = "annotationlab.org/project";
    /** On the pod template: the {@code --models} argument the pods serve. */
    public static final String MODELS_ANNOTATION = "annotationlab.org/models";

    private static final Logger LOG = Logger.getLogger(KubernetesModelServerLauncher.class);

    /**
     * How model servers are made.
     *
     * @param namespace                  where they run; null or blank: the client's namespace
     * @param image                      the nlp-runner image, for a template whose container has none
     * @param modelStoreClaim            the model store's PersistentVolumeClaim, for a template
     *                                   without a {@code model-store} volume
     * @param modelStorePath             where the model store is mounted, the same path as in the service
     * @param deploymentSpecTemplateJson an apps/v1 DeploymentSpec without selector as JSON
     *                                   ({@code LAB_WORKLOAD_TEMPLATE}); null or blank: a minimal one
     * @param port                       the port the server listens on (8080)
     */
    public record Settings(String namespace, String image, String modelStoreClaim, String modelStorePath,
            String deploymentSpecTemplateJson, int port) {
    }

    private final KubernetesClient client;
    private final String namespace;
    private final int port;
    /** The template with everything that is the same for every server already applied. */
    private final DeploymentSpec base;

    private final FollowedResources<Deployment> deployments;

    /**
     * Reads and checks the template now, so a broken one stops the service at start rather than
     * failing every deployment. Follows no Deployments yet: that starts with the first apply or status.
     *
     * @throws IllegalArgumentException when the template is not a DeploymentSpec, the port is not
     *                                  one, or the settings leave the container without an image or
     *                                  the store without a claim
     */
    public KubernetesModelServerLauncher(KubernetesClient client, Settings settings) {
        this.client = Objects.requireNonNull(client, "client");
        Objects.requireNonNull(settings, "settings");
        if (settings.port() < 1 || settings.port() > 65535) {
            throw new IllegalArgumentException("the model server port " + settings.port() + " is not a port");
        }
        this.namespace = PodTemplates.namespace(client, settings.namespace());
        this.port = settings.port();
        this.base = baseSpec(settings);
        this.deployments = new FollowedResources<>("model server Deployments", namespace,
                () -> client.apps().deployments().inNamespace(namespace).withLabel(MANAGED_BY_LABEL, MANAGED_BY).runnableInformer(0),
                name -> client.apps().deployments().inNamespace(namespace).withName(name).get());
    }

    @Override
    public String apply(ModelServer server) throws LaunchException {
        String name = server.name();
        Deployment deployment = deployment(server);
        Service service = service(server);
        deployments.start(); // the first apply starts following Deployments
        try {
            // The Service first: a Deployment without its Service would serve nobody. Each is
            // created, or when it exists edited: read again from the cluster and a JSON patch of
            // the differences sent. (Editing the operation createOr passes would diff against this
            // class's own object instead, and send nothing of the change.)
            var services = client.services().inNamespace(namespace);
            services.resource(service)
                    .createOr(exists -> services.withName(name).edit(current -> updated(current, service)));
            var deployments = client.apps().deployments().inNamespace(namespace);
            deployments.resource(deployment)
                    .createOr(exists -> deployments.withName(name).edit(current -> updated(current, deployment)));
        } catch (KubernetesClientException e) {
            throw new LaunchException("could not apply the model server " + name + " in namespace " + namespace
                    + ": " + reason(e), e);
        }
        return "http://" + name + "." + namespace + ".svc:" + port;
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
        Deployment deployment = found.resource();
        return status(deployment, server.modelsArgument());
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

    /** How a Deployment is doing with respect to the model list {@code models}. */
    private static ServerStatus status(Deployment deployment, String models) {
        DeploymentSpec spec = Optional.ofNullable(deployment.getSpec()).orElseGet(DeploymentSpec::new);
        String deployed = Optional.ofNullable(spec.getTemplate())
                .map(PodTemplateSpec::getMetadata)
                .map(ObjectMeta::getAnnotations)
                .map(annotations -> annotations.get(MODELS_ANNOTATION))
                .orElse(null);
        if (!models.equals(deployed)) {
            return ServerStatus.starting(); // not yet moved to this list (or moved on to another one)
        }
        DeploymentStatus status = Optional.ofNullable(deployment.getStatus()).orElseGet(DeploymentStatus::new);
        long generation = Optional.ofNullable(deployment.getMetadata().getGeneration()).orElse(0L);
        long observed = Optional.ofNullable(status.getObservedGeneration()).orElse(0L);
        if (observed < generation) {
            return ServerStatus.starting(); // the status still describes the previous spec
        }
        Optional<DeploymentCondition> deadline = condition(status, "Progressing", "False")
                .filter(c -> "ProgressDeadlineExceeded".equals(c.getReason()));
        if (deadline.isPresent()) {
            return ServerStatus.failed("the model server did not become ready: "
                    + Objects.toString(deadline.get().getMessage(), "progress deadline exceeded"));
        }
        Optional<DeploymentCondition> replicaFailure = condition(status, "ReplicaFailure", "True");
        if (replicaFailure.isPresent()) {
            return ServerStatus.failed("the model server's pods could not be created: "
                    + PodTemplates.reasonAndMessage(replicaFailure.get().getReason(), replicaFailure.get().getMessage(),
                            "no reason given"));
        }
        int wanted = Optional.ofNullable(spec.getReplicas()).orElse(1);
        if (count(status.getUpdatedReplicas()) == wanted && count(status.getReadyReplicas()) == wanted
                && count(status.getAvailableReplicas()) == wanted) {
            return ServerStatus.ready();
        }
        return ServerStatus.starting();
    }

    /** The Deployment of a project's server: the base spec with its name, labels, selector and models. */
    private Deployment deployment(ModelServer server) {
        DeploymentSpec spec = Serialization.clone(base);
        PodTemplateSpec template = spec.getTemplate();
        Map<String, String> labels = labels(template.getMetadata().getLabels(), server.projectId());
        template.getMetadata().setLabels(new LinkedHashMap<>(labels));
        Map<String, String> annotations = new LinkedHashMap<>(
                Optional.ofNullable(template.getMetadata().getAnnotations()).orElse(Map.of()));
        annotations.put(MODELS_ANNOTATION, server.modelsArgument());
        template.getMetadata().setAnnotations(annotations);
        spec.setSelector(new LabelSelectorBuilder()
                .addToMatchLabels(PROJECT_LABEL, server.projectId().toString())
                .addToMatchLabels(MANAGED_BY_LABEL, MANAGED_BY)
                .build());
        container(template.getSpec()).setArgs(List.of("serve", "--host", "0.0.0.0", "--port",
                Integer.toString(port), "--models", server.modelsArgument()));

        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(server.name())
                .withNamespace(namespace)
                .withLabels(labels)
                .endMetadata()
                .withSpec(spec)
                .build();
    }

    /** The Service in front of a project's server: {@code port} to the pods' {@code http} port. */
    private Service service(ModelServer server) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(server.name())
                .withNamespace(namespace)
                .withLabels(labels(base.getTemplate().getMetadata().getLabels(), server.projectId()))
                .endMetadata()
                .withNewSpec()
                .withType("ClusterIP")
                .addToSelector(PROJECT_LABEL, server.projectId().toString())
                .addToSelector(MANAGED_BY_LABEL, MANAGED_BY)
                .addNewPort()
                .withName(PORT_NAME)
                .withProtocol("TCP")
                .withPort(port)
                .withTargetPort(new IntOrString(PORT_NAME))
                .endPort()
                .endSpec()
                .build();
    }

    /**
     * The Service as this class wants it, on the one in the cluster: labels added, type, selector
     * and ports replaced; what the API server allocated (cluster IP) and others' labels kept.
     */
    private static Service updated(Service current, Service wanted) {
        return new ServiceBuilder(current)
                .editMetadata().addToLabels(wanted.getMetadata().getLabels()).endMetadata()
                .editSpec()
                .withType(wanted.getSpec().getType())
                .withSelector(wanted.getSpec().getSelector())
                .withPorts(wanted.getSpec().getPorts())
                .endSpec()
                .build();
    }

    /**
     * The Deployment as this class wants it, on the one in the cluster: labels added, spec
     * replaced (the fields the API server defaulted come back the same, so an unchanged model list
     * rolls nothing), status and others' annotations kept.
     */
    private static Deployment updated(Deployment current, Deployment wanted) {
        return new DeploymentBuilder(current)
                .editMetadata().addToLabels(wanted.getMetadata().getLabels()).endMetadata()
                .withSpec(wanted.getSpec())
                .build();
    }

    /** The template's labels with this service's: who manages it, whose it is, what it is. */
    private static Map<String, String> labels(Map<String, String> templateLabels, UUID projectId) {
        Map<String, String> labels = new LinkedHashMap<>(Optional.ofNullable(templateLabels).orElse(Map.of()));
        labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        labels.put(PROJECT_LABEL, projectId.toString());
        labels.put(NAME_LABEL, NAME);
        return labels;
    }

    /** The template parsed, with the parts every server shares applied; checked once, at start. */
    private static DeploymentSpec baseSpec(Settings settings) {
        boolean blank = isBlank(settings.deploymentSpecTemplateJson());
        DeploymentSpec spec;
        if (blank) {
            spec = new DeploymentSpec();
        } else {
            try {
                spec = Serialization.unmarshal(settings.deploymentSpecTemplateJson(), DeploymentSpec.class);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("the model server template is not an apps/v1 DeploymentSpec: "
                        + e.getMessage(), e);
            }
            if (spec == null) {
                throw new IllegalArgumentException("the model server template is not an apps/v1 DeploymentSpec");
            }
        }
        if (spec.getReplicas() == null) {
            spec.setReplicas(1);
        }
        spec.setSelector(null); // this class's, per project
        rollingUpdate(spec);
        spec.setTemplate(PodTemplates.completed(spec.getTemplate()));
        PodSpec pod = spec.getTemplate().getSpec();

        Container container = PodTemplates.runner(pod, settings.image(), "model server");
        httpPort(container, settings.port());
        if (container.getReadinessProbe() == null) {
            container.setReadinessProbe(httpProbe("/health/ready", 10));
        }
        if (blank && container.getLivenessProbe() == null) {
            container.setLivenessProbe(httpProbe("/health/live", 20));
        }
        PodTemplates.mountModelStore(pod, container, settings.modelStoreClaim(), settings.modelStorePath(), true,
                "model server");
        return spec;
    }

    /**
     * A rolling update that starts the new pods before stopping any old one: the previous model
     * list keeps serving until the new one is ready, and keeps serving when it never is.
     */
    private static void rollingUpdate(DeploymentSpec spec) {
        DeploymentStrategy strategy = Optional.ofNullable(spec.getStrategy()).orElseGet(DeploymentStrategy::new);
        strategy.setType("RollingUpdate");
        RollingUpdateDeployment rolling = Optional.ofNullable(strategy.getRollingUpdate())
                .orElseGet(RollingUpdateDeployment::new);
        rolling.setMaxUnavailable(new IntOrString(0));
        if (rolling.getMaxSurge() == null || isZero(rolling.getMaxSurge())) {
            rolling.setMaxSurge(new IntOrString(1)); // both 0 is invalid
        }
        strategy.setRollingUpdate(rolling);
        spec.setStrategy(strategy);
    }

    /** The container's port named {@code http}, set to the server's port. */
    private static void httpPort(Container container, int port) {
        if (container.getPorts() == null) {
            container.setPorts(new ArrayList<>());
        }
        Optional<ContainerPort> http = container.getPorts().stream()
                .filter(p -> PORT_NAME.equals(p.getName())).findFirst();
        if (http.isPresent()) {
            http.get().setContainerPort(port);
        } else {
            container.getPorts().add(new ContainerPortBuilder()
                    .withName(PORT_NAME).withContainerPort(port).withProtocol("TCP").build());
        }
    }

    private static Probe httpProbe(String path, int periodSeconds) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(path).withPort(new IntOrString(PORT_NAME)).endHttpGet()
                .withPeriodSeconds(periodSeconds)
                .withFailureThreshold(3)
                .build();
    }

    private static Optional<DeploymentCondition> condition(DeploymentStatus status, String type, String value) {
        return Optional.ofNullable(status.getConditions()).orElse(List.of()).stream()
                .filter(c -> type.equals(c.getType()) && value.equals(c.getStatus()))
                .findFirst();
    }

    private static boolean isZero(IntOrString value) {
        return value.getIntVal() != null ? value.getIntVal() == 0 : "0%".equals(value.getStrVal())
                || "0".equals(value.getStrVal());
    }

    private static int count(Integer replicas) {
        return replicas == null ? 0 : replicas;
    }

    private static boolean isBlank(String value) {
        return PodTemplates.isBlank(value);
    }

    private static String reason(KubernetesClientException e) {
        return PodTemplates.apiReason(e);
    }

    private static Container container(PodSpec pod) {
        return PodTemplates.container(pod);
    }
}
