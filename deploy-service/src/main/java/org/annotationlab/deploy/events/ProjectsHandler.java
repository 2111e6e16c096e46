package org.annotationlab.deploy.events;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.annotationlab.deploy.deployment.Deployment;
import org.annotationlab.deploy.deployment.DeploymentService;
import org.annotationlab.deploy.project.ProjectConfig;
import org.annotationlab.events.EventCodec;
import org.annotationlab.events.EventEnvelope;
import org.annotationlab.events.project.LabelingConfigChanged;
import org.annotationlab.events.project.ProjectCreated;
import org.annotationlab.events.project.ProjectDeleted;
import org.annotationlab.events.project.ProjectUpdated;
import org.annotationlab.web.membership.ProjectEventHandler;

/**
 * Keeps each project's slug and labeling-config bindings from {@code lab.projects}; a deleted
 * project's pending deployment fails and its server is removed by the scheduler.
 */
@ApplicationScoped
public class ProjectsHandler implements ProjectEventHandler {

    private final DeploymentService service;

    ProjectsHandler(DeploymentService service) {
        this.service = service;
    }

    @Override
    public Uni<Void> on(EventEnvelope event, EventCodec codec) {
        if (event.is(ProjectCreated.class)) {
            ProjectCreated created = codec.data(event, ProjectCreated.class);
            return ProjectConfig.lock(created.projectId()).invoke(p -> {
                p.slug = created.slug();
                p.name = created.name();
            }).replaceWithVoid();
        }
        if (event.is(ProjectUpdated.class)) {
            ProjectUpdated updated = codec.data(event, ProjectUpdated.class);
            return ProjectConfig.lock(updated.projectId()).invoke(p -> {
                p.slug = updated.slug();
                p.name = updated.name();
            }).replaceWithVoid();
        }
        if (event.is(LabelingConfigChanged.class)) {
            LabelingConfigChanged changed = codec.data(event, LabelingConfigChanged.class);
            return ProjectConfig.lock(changed.projectId()).invoke(p -> p.bindings(changed.labels())).replaceWithVoid();
        }
        if (event.is(ProjectDeleted.class)) {
            UUID projectId = codec.data(event, ProjectDeleted.class).projectId();
            return ProjectConfig.lock(projectId).invoke(p -> p.deleted = true)
                    .chain(() -> Deployment.<Deployment>find("projectId = ?1 and state = ?2", projectId, Deployment.State.PENDING)
                            .<Deployment>firstResult())
                    .flatMap(pending -> pending == null ? Uni.createFrom().voidItem()
                            : service.failed(pending, "PROJECT_DELETED", "the project was deleted at " + Instant.now()));
        }
        return Uni.createFrom().voidItem();
    }
}
