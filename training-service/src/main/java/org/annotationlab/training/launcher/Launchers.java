package org.annotationlab.training.launcher;

import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.annotationlab.training.config.TrainingConfig;
import org.annotationlab.workloads.KubernetesClients;
import org.jboss.logging.Logger;

/** The one {@link WorkloadLauncher} of the service, chosen by {@code lab.training.launcher}. */
@ApplicationScoped
public class Launchers {

    private static final Logger LOG = Logger.getLogger(Launchers.class);

    /** Built in Kubernetes mode only, closed with the launcher. */
    private KubernetesClient kubernetes;

    @Produces
    @ApplicationScoped
    WorkloadLauncher launcher(TrainingConfig config) {
        if (config.launcher() == TrainingConfig.Launcher.KUBERNETES) {
            TrainingConfig.Kubernetes k8s = config.kubernetes();
            LOG.infof("training runs are Kubernetes Jobs (image %s, model store claim %s)", k8s.image(), k8s.modelStoreClaim());
            kubernetes = KubernetesClients.fromEnvironment();
            return new KubernetesJobLauncher(kubernetes, new TrainingJobs.Settings(
                    k8s.namespace().orElse(null), k8s.image(), k8s.modelStoreClaim(), config.modelStorePath(),
                    k8s.jobTemplate().orElse(null), k8s.ttlSecondsAfterFinished()));
        }
        LOG.infof("training runs are local processes (%s)", config.local().nlpRunner());
        return new LocalProcessLauncher(config.local().nlpRunner(), config.local().javaOpts().orElse(""));
    }

    void close(@Disposes WorkloadLauncher launcher) throws Exception {
        if (launcher instanceof AutoCloseable closeable) {
            closeable.close();
        }
        if (kubernetes != null) {
            kubernetes.close();
        }
    }
}
