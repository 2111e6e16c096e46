package org.annotationlab.preannotation.events;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.annotationlab.events.EventCodec;
import org.annotationlab.events.EventEnvelope;
import org.annotationlab.events.project.ActiveLearningConfigured;
import org.annotationlab.events.project.ProjectDeleted;
import org.annotationlab.preannotation.project.ProjectState;
import org.annotationlab.web.membership.ProjectEventHandler;

/**
 * {@code lab.projects}, after platform-web's consumer: a deleted project is pre-annotated no more;
 * whether active learning is on (the pool is scored again after each deployment).
 */
@ApplicationScoped
public class ProjectsHandler implements ProjectEventHandler {

    @Override
    public Uni<Void> on(EventEnvelope event, EventCodec codec) {
        if (event.is(ProjectDeleted.class)) {
            return ProjectState.lock(codec.data(event, ProjectDeleted.class).projectId()).invoke(p -> p.deleted = true)
                    .replaceWithVoid();
        }
        if (event.is(ActiveLearningConfigured.class)) {
            ActiveLearningConfigured configured = codec.data(event, ActiveLearningConfigured.class);
            return ProjectState.lock(configured.projectId()).invoke(p -> p.activeLearning = configured.enabled())
                    .replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }
}
