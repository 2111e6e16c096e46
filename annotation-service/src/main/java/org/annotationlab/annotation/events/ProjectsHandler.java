package org.annotationlab.annotation.events;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.annotationlab.annotation.project.ProjectLabels;
import org.annotationlab.annotation.task.Task;
import org.annotationlab.annotation.trainingset.TrainingSetTracker;
import org.annotationlab.events.EventCodec;
import org.annotationlab.events.EventEnvelope;
import org.annotationlab.events.project.LabelingConfigChanged;
import org.annotationlab.events.project.ProjectDeleted;
import org.annotationlab.web.membership.ProjectEventHandler;
import org.jboss.logging.Logger;

/** Keeps each project's labels current and removes a deleted project's tasks and everything on them. */
@ApplicationScoped
public class ProjectsHandler implements ProjectEventHandler {

    private static final Logger LOG = Logger.getLogger(ProjectsHandler.class);

    @Override
    public Uni<Void> on(EventEnvelope event, EventCodec codec) {
        if (event.is(LabelingConfigChanged.class)) {
            LabelingConfigChanged changed = codec.data(event, LabelingConfigChanged.class);
            String labels = String.join(",", changed.labels().stream().map(LabelingConfigChanged.LabelBinding::label).toList());
            return ProjectLabels.<ProjectLabels>findById(changed.projectId()).flatMap(existing -> {
                ProjectLabels row = existing != null ? existing : new ProjectLabels();
                row.projectId = changed.projectId();
                row.labels = labels;
                return row.persist();
            }).invoke(() -> LOG.infof("project %s: labels are now %s", changed.projectId(), labels)).replaceWithVoid();
        }
        if (event.is(ProjectDeleted.class)) {
            UUID projectId = codec.data(event, ProjectDeleted.class).projectId();
            return Task.delete("projectId", projectId)
                    .chain(() -> ProjectLabels.deleteById(projectId))
                    .chain(() -> TrainingSetTracker.forget(projectId))
                    .invoke(() -> LOG.infof("project %s deleted: its tasks, completions and predictions are gone", projectId))
                    .replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }
}
