package org.annotationlab.training.launcher;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.annotationlab.workloads.FollowedResources;
import org.annotationlab.workloads.PodTemplates;
import org.jboss.logging.Logger;

/**
 * Runs each training run as a Kubernetes Job (DESIGN.md §5): one pod, one attempt, the
 * {@code nlp-runner} container with the run's arguments and the model store mounted read-write.
 *
 * <p>The Job is built from the chart's JobSpec template ({@code LAB_WORKLOAD_TEMPLATE}), so
 * scheduling, resources and security settings stay in the chart; this class only adds what makes
 * the Job a run's: name, labels, arguments, the model store and where the outcome is written.
 *
 * <p>{@link #status} is asked about every running run once a second, so it reads a local cache of
 * this service's Jobs kept by an informer (one watch, no API call per poll). Only a finished Job
 * costs a call, to read its pod's termination message; the outcome is then remembered. Jobs are
 * found by name alone, so a restarted service picks up the Jobs it started before.
 *
 * <p>Plain Java for a CDI producer: {@link #close()} stops the informer, not the client.
 */
public final class KubernetesJobLauncher implements WorkloadLauncher, AutoCloseable {

    /** The container that runs the training; its termination message is the run's outcome. */
    public static final String CONTAINER = PodTemplates.CONTAINER;
    public static final String MODEL_STORE_VOLUME = PodTemplates.MODEL_STORE_VOLUME;
    public static final String TERMINATION_LOG = "/dev/termination-log";
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "training-service";
    public static final String PROJECT_LABEL = "annotationlab.org/project";
    public static final String RUN_LABEL = "annotationlab.org/training-run";

    /** Pod labels the Job controller sets: the legacy one (every version) and the 1.27+ one. */
    private static final List<String> JOB_NAME_LABELS = List.of("job-name", "batch.kubernetes.io/job-name");
    /** Outcomes remembered; the service stops polling a run once it has seen it finished. */
    private static final int REMEMBERED_OUTCOMES = 512;

    private static final Logger LOG = Logger.getLogger(KubernetesJobLauncher.class);

    /**
     * How Jobs are made.
     *
     * @param namespace               where Jobs run; null or blank: the client's namespace
     * @param image                   the nlp-runner image, for a template whose container has none
     * @param modelStoreClaim         the model store's PersistentVolumeClaim, for a template without
     *                                a {@code model-store} volume
     * @param modelStorePath          where the model store is mounted, the same path as in the service
     * @param jobSpecTemplateJson     a batch/v1 JobSpec as JSON ({@code LAB_WORKLOAD_TEMPLATE});
     *                                null or blank: a minimal one
     * @param ttlSecondsAfterFinished how long a finished Job is kept, unless the template says;
     *                                0 or less: kept until deleted
     */
    public record Settings(String namespace, String image, String modelStoreClaim, String modelStorePath,
            String jobSpecTemplateJson, long ttlSecondsAfterFinished) {
    }

    private final KubernetesClient client;
    private final String namespace;
    /** The template with everything that is the same for every run already applied. */
    private final JobSpec base;
    private final Map<String, WorkloadStatus> outcomes = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, WorkloadStatus> eldest) {
                    return size() > REMEMBERED_OUTCOMES;
                }
            });

    private final FollowedResources<Job> jobs;

    /**
     * Reads and checks the template now, so a broken one stops the service at start rather than
     * failing every run. Follows no Jobs yet: that starts with the first launch or status.
     *
     * @throws IllegalArgumentException when the template is not a JobSpec, or the settings leave
     *                                  the container without an image or the store without a claim
     */
    public KubernetesJobLauncher(KubernetesClient client, Settings settings) {
        this.client = Objects.requireNonNull(client, "client");
        Objects.requireNonNull(settings, "settings");
        this.namespace = PodTemplates.namespace(client, settings.namespace());
        this.base = baseSpec(settings);
        this.jobs = new FollowedResources<>("training Jobs", namespace,
                () -> client.batch().v1().jobs().inNamespace(namespace).withLabel(MANAGED_BY_LABEL, MANAGED_BY).runnableInformer(0),
                name -> client.batch().v1().jobs().inNamespace(namespace).withName(name).get());
    }

    @Override
    public String launch(TrainingWorkload workload) throws LaunchException {
        String name = workload.name();
        Job job = job(workload);
        jobs.start(); // the first launch starts following Jobs
        try {
            client.batch().v1().jobs().inNamespace(namespace).resource(job).create();
        } catch (KubernetesClientException e) {
            throw new LaunchException("could not create Job " + name + " in namespace " + namespace + ": "
                    + reason(e), e);
        }
        outcomes.remove(name);
        return name;
    }

    /** The Job of a run: the base spec with the run's name, labels and arguments. */
    private Job job(TrainingWorkload workload) {
        JobSpec spec = Serialization.clone(base);
        PodTemplateSpec template = spec.getTemplate();
        Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
        labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        labels.put(PROJECT_LABEL, workload.projectId().toString());
        labels.put(RUN_LABEL, workload.runId().toString());
        template.getMetadata().setLabels(new LinkedHashMap<>(labels));

        List<String> args = new ArrayList<>(workload.args());
        args.add("--termination-log");
        args.add(TERMINATION_LOG);
        container(template.getSpec()).setArgs(args);

        return new JobBuilder()
                .withNewMetadata()
                .withName(workload.name())
                .withNamespace(namespace)
                .withLabels(labels)
                .endMetadata()
                .withSpec(spec)
                .build();
    }

    @Override
    public WorkloadStatus status(TrainingWorkload workload, String handle) {
        WorkloadStatus known = outcomes.get(handle);
        if (known != null) {
            return known;
        }
        FollowedResources.Lookup<Job> found = jobs.find(handle);
        if (!found.known()) {
            return WorkloadStatus.running();
        }
        if (found.missing()) {
            return WorkloadStatus.missing("the Job " + handle + " no longer exists in namespace " + namespace);
        }
        Job job = found.resource();
        WorkloadStatus outcome = outcome(job);
        if (outcome.finished()) {
            outcomes.put(handle, outcome);
        }
        return outcome;
    }

    @Override
    public void cancel(TrainingWorkload workload, String handle) {
        // Background propagation: the Job goes at once, the garbage collector removes its pods.
        client.batch().v1().jobs().inNamespace(namespace).withName(handle)
                .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                .delete(); // a Job that is already gone answers with an empty list, not an error
        outcomes.remove(handle);
    }

    /** Stops following Jobs; the launcher cannot be used after. The client belongs to the caller and stays open. */
    @Override
    public void close() {
        jobs.close();
    }

    private WorkloadStatus outcome(Job job) {
        JobStatus status = Optional.ofNullable(job.getStatus()).orElseGet(JobStatus::new);
        boolean succeeded = condition(status, "Complete").isPresent() || positive(status.getSucceeded());
        Optional<JobCondition> failed = condition(status, "Failed");
        if (!succeeded && failed.isEmpty() && !positive(status.getFailed())) {
            return WorkloadStatus.running();
        }
        Optional<ContainerStateTerminated> ended = runnerEnded(job);
        Optional<String> message = ended.map(ContainerStateTerminated::getMessage)
                .filter(m -> !isBlank(m))
                .map(String::strip); // the file's trailing newline
        if (succeeded) {
            return WorkloadStatus.succeeded(message.orElse("SUCCEEDED: the Job completed"));
        }
        return WorkloadStatus.failed(message.orElseGet(() -> "JOB_FAILED: "
                + failed.map(c -> PodTemplates.reasonAndMessage(c.getReason(), c.getMessage(), "the Job failed"))
                        .orElse("the Job failed")
                + ended.map(t -> " (" + CONTAINER + " ended with " + Objects.toString(t.getReason(), "no reason")
                        + ", exit code " + t.getExitCode() + ")").orElse("")));
    }

    /**
     * How the {@code nlp-runner} container of a finished Job's pod ended: its termination message
     * is the run's outcome ({@code <REASON>: <message>}). Empty when no pod is left or the pods
     * cannot be read. One list call, two for a pod without the legacy label.
     */
    private Optional<ContainerStateTerminated> runnerEnded(Job job) {
        String name = job.getMetadata().getName();
        try {
            for (String label : JOB_NAME_LABELS) {
                List<Pod> pods = client.pods().inNamespace(namespace).withLabel(label, name).list().getItems();
                if (!pods.isEmpty()) {
                    return pods.stream()
                            .flatMap(pod -> Optional.ofNullable(pod.getStatus())
                                    .map(PodStatus::getContainerStatuses).orElse(List.of()).stream())
                            .filter(c -> CONTAINER.equals(c.getName()))
                            .map(ContainerStatus::getState)
                            .filter(state -> state != null && state.getTerminated() != null)
                            .map(ContainerState::getTerminated)
                            .max(Comparator.comparing(t -> Objects.toString(t.getFinishedAt(), "")));
                }
            }
        } catch (KubernetesClientException e) {
            LOG.warnf("could not read the pods of Job %s in namespace %s: %s", name, namespace, reason(e));
        }
        return Optional.empty();
    }

    /** The template parsed, with the parts every run shares applied; checked once, at start. */
    private static JobSpec baseSpec(Settings settings) {
        JobSpec spec;
        if (isBlank(settings.jobSpecTemplateJson())) {
            spec = new JobSpec();
        } else {
            try {
                spec = Serialization.unmarshal(settings.jobSpecTemplateJson(), JobSpec.class);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("the Job template is not a batch/v1 JobSpec: " + e.getMessage(), e);
            }
        }
        spec.setBackoffLimit(0); // a failed training is reported, not retried
        if (spec.getTtlSecondsAfterFinished() == null && settings.ttlSecondsAfterFinished() > 0) {
            spec.setTtlSecondsAfterFinished(Math.toIntExact(settings.ttlSecondsAfterFinished()));
        }
        spec.setTemplate(PodTemplates.completed(spec.getTemplate()));
        PodSpec pod = spec.getTemplate().getSpec();
        pod.setRestartPolicy("Never");

        Container container = PodTemplates.runner(pod, settings.image(), "Job");
        container.setTerminationMessagePath(TERMINATION_LOG);
        if (isBlank(container.getTerminationMessagePolicy())) {
            container.setTerminationMessagePolicy("FallbackToLogsOnError");
        }
        PodTemplates.mountModelStore(pod, container, settings.modelStoreClaim(), settings.modelStorePath(), false, "Job");
        return spec;
    }

    private static Optional<JobCondition> condition(JobStatus status, String type) {
        return Optional.ofNullable(status.getConditions()).orElse(List.of()).stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst();
    }

    private static boolean positive(Integer count) {
        return count != null && count > 0;
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
