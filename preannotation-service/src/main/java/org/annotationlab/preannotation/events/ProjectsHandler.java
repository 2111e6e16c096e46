package org.annotationlab.preannotation.events;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.annotationlab.events.EventCodec;
import org.annotationlab.events.EventEnvelope;
import org.annotationlab.events.project.ProjectDeleted;
import org.annotationlab.preannotation.project.ProjectState;
import org.annotationlab.web.membership.ProjectEventHandler;

/** {@code lab.projects}, after platform-web's consumer: a deleted project is pre-annotated no more. */
@ApplicationScoped
public class ProjectsHandler implements ProjectEventHandler {

    @Override
    public Uni<Void> on(EventEnvelope event, EventCodec codec) {
        if (event.is(ProjectDeleted.class)) {
            return ProjectState.lock(codec.data(event, ProjectDeleted.class).projectId()).invoke(p -> p.deleted = true)
                    .replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }
}
