package org.annotationlab.training.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.annotationlab.events.EventCodec;
import org.annotationlab.events.EventEnvelope;
import org.annotationlab.events.project.ActiveLearningConfigured;
import org.annotationlab.events.project.ProjectCreated;
import org.annotationlab.events.project.ProjectDeleted;
import org.annotationlab.events.project.ProjectUpdated;
import org.annotationlab.events.project.TrainingDefaultsChanged;
import org.annotationlab.training.project.ProjectTraining;
import org.annotationlab.training.run.RunLifecycle;
import org.annotationlab.training.run.RunState;
import org.annotationlab.training.run.TrainingService;
import org.annotationlab.training.run.TrainingRun;
import org.annotationlab.web.membership.ProjectEventHandler;
import org.annotationlab.web.training.ParameterJson;

/**
 * Keeps each project's slug, active-learning settings and training defaults from
 * {@code lab.projects}. Turning active learning on (or lowering N) may start a run at once; a
 * deleted project's queued run is cancelled and its running one stopped.
 */
@ApplicationScoped
public class ProjectsHandler implements ProjectEventHandler {

    private final TrainingService service;
    private final RunLifecycle lifecycle;

    ProjectsHandler(TrainingService service, RunLifecycle lifecycle) {
        this.service = service;
        this.lifecycle = lifecycle;
    }

    @Override
    public Uni<Void> on(EventEnvelope event, EventCodec codec) {
        if (event.is(ProjectCreated.class)) {
            ProjectCreated created = codec.data(event, ProjectCreated.class);
            return ProjectTraining.lock(created.projectId()).invoke(p -> p.slug = created.slug()).replaceWithVoid();
        }
        if (event.is(ProjectUpdated.class)) {
            ProjectUpdated updated = codec.data(event, ProjectUpdated.class);
            return ProjectTraining.lock(updated.projectId()).invoke(p -> p.slug = updated.slug()).replaceWithVoid();
        }
        if (event.is(TrainingDefaultsChanged.class)) {
            TrainingDefaultsChanged d = codec.data(event, TrainingDefaultsChanged.class);
            // An event written before the parameters were nested holds them flat beside projectId.
            String parameters = d.parameters() != null ? ParameterJson.write(d.parameters())
                    : ((ObjectNode) event.data().deepCopy()).without("projectId").toString();
            return ProjectTraining.lock(d.projectId()).invoke(p -> p.trainingParameters = parameters).replaceWithVoid();
        }
        if (event.is(ActiveLearningConfigured.class)) {
            ActiveLearningConfigured al = codec.data(event, ActiveLearningConfigured.class);
            return ProjectTraining.lock(al.projectId()).invoke(p -> {
                p.activeLearning = al.enabled();
                p.everyNCompletions = al.everyNCompletions();
                p.deployAfterTraining = al.deployAfterTraining();
            }).chain(() -> service.considerActiveLearning(al.projectId()));
        }
        if (event.is(ProjectDeleted.class)) {
            UUID projectId = codec.data(event, ProjectDeleted.class).projectId();
            return ProjectTraining.lock(projectId).invoke(p -> p.deleted = true)
                    .chain(() -> TrainingRun.active(projectId))
                    .flatMap(run -> run == null ? Uni.createFrom().voidItem()
                            : run.state == RunState.QUEUED ? lifecycle.cancelled(run, "project deleted")
                            : Uni.createFrom().voidItem().invoke(() -> {
                                run.cancelRequested = true;
                                run.cancelledBy = "project deleted";
                            }));
        }
        return Uni.createFrom().voidItem();
    }
}
