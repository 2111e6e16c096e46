package org.annotationlab.project.project;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.project.settings.ActiveLearningSettings;
import org.annotationlab.training.contract.TrainingParameters;

/** A project as the API shows it, with the caller's role in it. */
public record ProjectView(
        UUID id,
        String name,
        String slug,
        String description,
        String createdBy,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        ProjectRole myRole,
        boolean hasLabelingConfig,
        TrainingParameters trainingDefaults,
        ActiveLearningSettings activeLearning) {

    static ProjectView of(Project p, ProjectRole myRole) {
        return new ProjectView(p.id, p.name, p.slug, p.description, p.createdBy, p.createdAt, p.updatedAt, myRole,
                p.labelingConfig != null, p.trainingDefaults(), p.activeLearning());
    }
}
