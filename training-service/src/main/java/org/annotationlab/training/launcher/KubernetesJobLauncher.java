package org.annotationlab.training.launcher;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.annotationlab.workloads.FollowedResources;
import org.annotationlab.workloads.PodTemplates;
import org.annotationlab.workloads.RunnerJvm;
import org.jboss.logging.Logger;

/**
 * Runs each training run as a Kubernetes Job (DESIGN.md §5), built by {@link TrainingJobs} and read
 * back by {@link TrainingJobStatus}; this class only talks to the API server.
 *
 * <p>{@link #status} is asked about every running run once a second, so it reads a local cache of
 * this service's Jobs kept by an informer (one watch, no API call per poll). Only a finished Job
 * costs a call, to read its pod's termination message; the outcome is then remembered. Jobs are
 * found by name alone, so a restarted service picks up the Jobs it started before.
 *
 * <p>Plain Java for a CDI producer: {@link #close()} stops the informer, not the client.
 */
public final class KubernetesJobLauncher implements WorkloadLauncher, AutoCloseable {

    /** Pod labels the Job controller sets: the legacy one (every version) and the 1.27+ one. */
    private static final List<String> JOB_NAME_LABELS = List.of("job-name", "batch.kubernetes.io/job-name");
    /** Outcomes remembered; the service stops polling a run once it has seen it finished. */
    private static final int REMEMBERED_OUTCOMES = 512;

    private static final Logger LOG = Logger.getLogger(KubernetesJobLauncher.class);

    private final KubernetesClient client;
    private final String namespace;
    /** The settings with the namespace resolved. */
    private final TrainingJobs.Settings settings;
    private final Map<String, WorkloadStatus> outcomes = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, WorkloadStatus> eldest) {
                    return size() > REMEMBERED_OUTCOMES;
                }
            });

    private final FollowedResources<Job> jobs;

    /**
     * Checks the settings now, so a broken template stops the service at start rather than
     * failing every run. Follows no Jobs yet: that starts with the first launch or status.
     *
     * @throws IllegalArgumentException as {@link TrainingJobs#check}
     */
    public KubernetesJobLauncher(KubernetesClient client, TrainingJobs.Settings settings) {
        this.client = Objects.requireNonNull(client, "client");
        Objects.requireNonNull(settings, "settings");
        this.namespace = PodTemplates.namespace(client, settings.namespace());
        this.settings = settings.inNamespace(namespace);
        TrainingJobs.check(this.settings);
        this.jobs = new FollowedResources<>("training Jobs", namespace,
                () -> client.batch().v1().jobs().inNamespace(namespace)
                        .withLabel(PodTemplates.MANAGED_BY_LABEL, TrainingJobs.MANAGED_BY).runnableInformer(0),
                name -> client.batch().v1().jobs().inNamespace(namespace).withName(name).get());
    }

    @Override
    public String launch(TrainingWorkload workload) throws LaunchException {
        String name = workload.name();
        Job job = TrainingJobs.desired(workload, settings, RunnerJvm.trainingHeapMb(workload.inputs()));
        jobs.start(); // the first launch starts following Jobs
        try {
            client.batch().v1().jobs().inNamespace(namespace).resource(job).create();
        } catch (KubernetesClientException e) {
            throw new LaunchException("could not create Job " + name + " in namespace " + namespace + ": "
                    + PodTemplates.apiReason(e), e);
        }
        outcomes.remove(name);
        return name;
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
        WorkloadStatus outcome = TrainingJobStatus.finished(job)
                ? TrainingJobStatus.of(job, pods(job))
                : WorkloadStatus.running();
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

    /**
     * The pods of a finished Job, where its runner's termination message is. Empty when no pod is
     * left or the pods cannot be read. One list call, two for pods without the legacy label.
     */
    private List<Pod> pods(Job job) {
        String name = job.getMetadata().getName();
        try {
            for (String label : JOB_NAME_LABELS) {
                List<Pod> pods = client.pods().inNamespace(namespace).withLabel(label, name).list().getItems();
                if (!pods.isEmpty()) {
                    return pods;
                }
            }
        } catch (KubernetesClientException e) {
            LOG.warnf("could not read the pods of Job %s in namespace %s: %s", name, namespace, PodTemplates.apiReason(e));
        }
        return List.of();
    }
}
