package org.annotationlab.deploy.server;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.annotationlab.workloads.PodTemplates;
import org.annotationlab.workloads.RunnerJvm;

/**
 * A project's model server on Kubernetes (DESIGN.md §6): a Deployment of {@code nlp-runner serve},
 * the model store mounted read-only, behind a ClusterIP Service of the same name.
 *
 * <p>The Deployment is built from the chart's DeploymentSpec template ({@code LAB_WORKLOAD_TEMPLATE},
 * {@code lab.modelServerSpec}), so replicas, scheduling, resources and security settings stay in
 * the chart; this class only adds what makes it a project's server: name, labels, selector,
 * arguments, the model store, the port and a rolling update that never takes a ready pod away
 * before its replacement is ready. A new model list is a change of the pod template (arguments and
 * the {@value #MODELS_ANNOTATION} annotation), so it always rolls, and the previous list keeps
 * serving until the new pods are ready.
 *
 * <p>Pure functions: no API call, and the same server and settings always give the same objects.
 */
public final class ModelServerDeployments {

    public static final String PORT_NAME = "http";
    public static final String MANAGED_BY = "deploy-service";
    public static final String NAME_LABEL = "app.kubernetes.io/name";
    public static final String NAME = "model-server";
    /** On the pod template: the {@code --models} argument the pods serve. */
    public static final String MODELS_ANNOTATION = "annotationlab.org/models";

    private ModelServerDeployments() {
    }

    /**
     * How model servers are made.
     *
     * @param namespace                  where they run; null or blank: the client's (the launcher
     *                                   resolves it before building)
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

        /** The same settings for servers in {@code namespace}. */
        public Settings inNamespace(String namespace) {
            return new Settings(namespace, image, modelStoreClaim, modelStorePath, deploymentSpecTemplateJson, port);
        }
    }

    /**
     * Fails as {@link #desired} would for every server, so a launcher can check its settings at
     * start and a broken template stops the service rather than failing every deployment.
     *
     * @throws IllegalArgumentException when the port is not one, the template is not a
     *                                  DeploymentSpec, or the settings leave the container without
     *                                  an image or the store without a claim
     */
    public static void check(Settings settings) {
        baseSpec(settings);
    }

    /**
     * The Deployment of a project's server: the template with its shared parts, then its name,
     * labels, selector and models, and its JVM and memory sized as a local server's
     * ({@link PodTemplates#sizeRunner}).
     *
     * @param heapMb the server's heap maximum, {@link RunnerJvm#serverHeapMb} of its models
     */
    public static Deployment desired(ModelServer server, Settings settings, long heapMb) {
        DeploymentSpec spec = baseSpec(settings);
        PodTemplateSpec template = spec.getTemplate();
        Map<String, String> labels = labels(template.getMetadata().getLabels(), server.projectId());
        template.getMetadata().setLabels(new LinkedHashMap<>(labels));
        Map<String, String> annotations = new LinkedHashMap<>(
                Optional.ofNullable(template.getMetadata().getAnnotations()).orElse(Map.of()));
        annotations.put(MODELS_ANNOTATION, server.modelsArgument());
        template.getMetadata().setAnnotations(annotations);
        spec.setSelector(new LabelSelectorBuilder().addToMatchLabels(selector(server)).build());
        Container container = PodTemplates.container(template.getSpec());
        container.setArgs(List.of("serve", "--host", "0.0.0.0", "--port", Integer.toString(settings.port()), "--models",
                server.modelsArgument()));
        PodTemplates.sizeRunner(container, heapMb, RunnerJvm.SERVER_NON_HEAP_MB);

        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(server.name())
                .withNamespace(settings.namespace())
                .withLabels(labels)
                .endMetadata()
                .withSpec(spec)
                .build();
    }

    /** The Service in front of a project's server: {@code port} to the pods' {@value #PORT_NAME} port. */
    public static Service desiredService(ModelServer server, Settings settings) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(server.name())
                .withNamespace(settings.namespace())
                .withLabels(labels(baseSpec(settings).getTemplate().getMetadata().getLabels(), server.projectId()))
                .endMetadata()
                .withNewSpec()
                .withType("ClusterIP")
                .addToSelector(selector(server))
                .addNewPort()
                .withName(PORT_NAME)
                .withProtocol("TCP")
                .withPort(settings.port())
                .withTargetPort(new IntOrString(PORT_NAME))
                .endPort()
                .endSpec()
                .build();
    }

    /**
     * The Service as this class wants it, on the one in the cluster: labels added, type, selector
     * and ports replaced; what the API server allocated (cluster IP) and others' labels kept.
     */
    public static Service updated(Service current, Service wanted) {
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
    public static Deployment updated(Deployment current, Deployment wanted) {
        return new DeploymentBuilder(current)
                .editMetadata().addToLabels(wanted.getMetadata().getLabels()).endMetadata()
                .withSpec(wanted.getSpec())
                .build();
    }

    /** The pods of a project's server, for the Deployment and the Service alike. */
    private static Map<String, String> selector(ModelServer server) {
        Map<String, String> selector = new LinkedHashMap<>();
        selector.put(PodTemplates.PROJECT_LABEL, server.projectId().toString());
        selector.put(PodTemplates.MANAGED_BY_LABEL, MANAGED_BY);
        return selector;
    }

    /** The template's labels with this service's: who manages it, whose it is, what it is. */
    private static Map<String, String> labels(Map<String, String> templateLabels, UUID projectId) {
        Map<String, String> labels = new LinkedHashMap<>(Optional.ofNullable(templateLabels).orElse(Map.of()));
        labels.put(PodTemplates.MANAGED_BY_LABEL, MANAGED_BY);
        labels.put(PodTemplates.PROJECT_LABEL, projectId.toString());
        labels.put(NAME_LABEL, NAME);
        return labels;
    }

    /** The template parsed, with the parts every server shares applied. */
    private static DeploymentSpec baseSpec(Settings settings) {
        if (settings.port() < 1 || settings.port() > 65535) {
            throw new IllegalArgumentException("the model server port " + settings.port() + " is not a port");
        }
        boolean blank = PodTemplates.isBlank(settings.deploymentSpecTemplateJson());
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

    /** The container's port named {@value #PORT_NAME}, set to the server's port. */
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

    private static boolean isZero(IntOrString value) {
        return value.getIntVal() != null ? value.getIntVal() == 0 : "0%".equals(value.getStrVal())
                || "0".equals(value.getStrVal());
    }
}
