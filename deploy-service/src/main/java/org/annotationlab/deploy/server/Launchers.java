package org.annotationlab.deploy.server;

import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import org.annotationlab.deploy.config.DeployConfig;
import org.annotationlab.workloads.KubernetesClients;
import org.jboss.logging.Logger;

/** The one {@link ModelServerLauncher} of the service, chosen by {@code lab.deploy.launcher}. */
@ApplicationScoped
public class Launchers {

    private static final Logger LOG = Logger.getLogger(Launchers.class);

    /** Built in Kubernetes mode only, closed with the launcher. */
    private KubernetesClient kubernetes;

    @Produces
    @ApplicationScoped
    ModelServerLauncher launcher(DeployConfig config) {
        if (config.launcher() == DeployConfig.Launcher.KUBERNETES) {
            DeployConfig.Kubernetes k8s = config.kubernetes();
            LOG.infof("model servers are Kubernetes Deployments (image %s)", k8s.image());
            kubernetes = KubernetesClients.fromEnvironment();
            return new KubernetesModelServerLauncher(kubernetes, new ModelServerDeployments.Settings(
                    k8s.namespace().orElse(null), k8s.image(), k8s.modelStoreClaim(), config.modelStorePath(),
                    k8s.deploymentTemplate().orElse(null), k8s.port()));
        }
        LOG.infof("model servers are local processes (%s)", config.local().nlpRunner());
        return new LocalModelServerLauncher(config.local().nlpRunner(), config.local().javaOpts().orElse(""),
                Path.of(config.modelStorePath()).toAbsolutePath());
    }

    void close(@Disposes ModelServerLauncher launcher) throws Exception {
        if (launcher instanceof AutoCloseable closeable) {
            closeable.close();
        }
        if (kubernetes != null) {
            kubernetes.close();
        }
    }
}
