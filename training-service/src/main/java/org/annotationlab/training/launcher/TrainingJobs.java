package org.annotationlab.training.launcher;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.annotationlab.workloads.PodTemplates;
import org.annotationlab.workloads.RunnerJvm;

/**
 * The Kubernetes Job of a training run (DESIGN.md §5): one pod, one attempt, the
 * {@code nlp-runner} container with the run's arguments and the model store mounted read-write.
 *
 * <p>The Job is built from the chart's JobSpec template ({@code LAB_WORKLOAD_TEMPLATE}), so
 * scheduling, resources and security settings stay in the chart; this class only adds what makes
 * the Job a run's: name, labels, arguments, the model store and where the outcome is written
 * ({@link TrainingJobStatus} reads it back).
 *
 * <p>Pure functions: no API call, and the same run and settings always give the same Job.
 */
public final class TrainingJobs {

    /** Where the {@value PodTemplates#CONTAINER} container writes the run's outcome, its termination message. */
    public static final String TERMINATION_LOG = "/dev/termination-log";
    public static final String MANAGED_BY = "training-service";
    public static final String RUN_LABEL = "annotationlab.org/training-run";

    private TrainingJobs() {
    }

    /**
     * How Jobs are made.
     *
     * @param namespace               where Jobs run; null or blank: the client's (the launcher
     *                                resolves it before building)
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

        /** The same settings for Jobs in {@code namespace}. */
        public Settings inNamespace(String namespace) {
            return new Settings(namespace, image, modelStoreClaim, modelStorePath, jobSpecTemplateJson,
                    ttlSecondsAfterFinished);
        }
    }

    /**
     * Fails as {@link #desired} would for every run, so a launcher can check its settings at start
     * and a broken template stops the service rather than failing every run.
     *
     * @throws IllegalArgumentException when the template is not a JobSpec, or the settings leave
     *                                  the container without an image or the store without a claim
     */
    public static void check(Settings settings) {
        baseSpec(settings);
    }

    /**
     * The Job of a run: the template with its shared parts applied (no retry, TTL, {@code Never}
     * restarts, image, model store, termination message), then the run's name, labels and arguments,
     * and its JVM and memory sized as a local run's ({@link PodTemplates#sizeRunner}).
     *
     * @param heapMb the run's heap maximum, {@link RunnerJvm#trainingHeapMb} of its inputs
     * @throws IllegalArgumentException as {@link #check}
     */
    public static Job desired(TrainingWorkload workload, Settings settings, long heapMb) {
        JobSpec spec = baseSpec(settings);
        PodTemplateSpec template = spec.getTemplate();
        Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
        labels.put(PodTemplates.MANAGED_BY_LABEL, MANAGED_BY);
        labels.put(PodTemplates.PROJECT_LABEL, workload.projectId().toString());
        labels.put(RUN_LABEL, workload.runId().toString());
        template.getMetadata().setLabels(new LinkedHashMap<>(labels));

        List<String> args = new ArrayList<>(workload.args());
        args.add("--termination-log");
        args.add(TERMINATION_LOG);
        Container container = PodTemplates.container(template.getSpec());
        container.setArgs(args);
        PodTemplates.sizeRunner(container, heapMb, RunnerJvm.TRAINING_NON_HEAP_MB);

        return new JobBuilder()
                .withNewMetadata()
                .withName(workload.name())
                .withNamespace(settings.namespace())
                .withLabels(labels)
                .endMetadata()
                .withSpec(spec)
                .build();
    }

    /** The template parsed, with the parts every run shares applied. */
    private static JobSpec baseSpec(Settings settings) {
        JobSpec spec;
        if (PodTemplates.isBlank(settings.jobSpecTemplateJson())) {
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
        if (PodTemplates.isBlank(container.getTerminationMessagePolicy())) {
            container.setTerminationMessagePolicy("FallbackToLogsOnError");
        }
        PodTemplates.mountModelStore(pod, container, settings.modelStoreClaim(), settings.modelStorePath(), false, "Job");
        return spec;
    }
}
