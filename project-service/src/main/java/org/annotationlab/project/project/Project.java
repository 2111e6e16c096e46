package org.annotationlab.project.project;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.annotationlab.project.settings.ActiveLearningSettings;
import org.annotationlab.training.contract.TrainingParameters;
import org.annotationlab.web.training.ParameterJson;

/** A project: its identity, labeling config, default training parameters and active-learning settings. */
@Entity
@Table(name = "project")
public class Project extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    /** Immutable after creation: model names ({@code <slug>_ner_v<n>}) are built from it. */
    @Column(nullable = false, updatable = false)
    public String slug;

    public String description;

    @Column(name = "labeling_config")
    public String labelingConfig;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The default {@link TrainingParameters} of its runs, as JSON. */
    @Column(name = "training_parameters", nullable = false)
    public String trainingParameters;

    @Column(name = "al_enabled")
    public boolean activeLearningEnabled;
    @Column(name = "al_every_n")
    public int activeLearningEveryN;
    @Column(name = "al_deploy_after_training")
    public boolean activeLearningDeployAfterTraining;

    @Version
    public long version;

    public TrainingParameters trainingDefaults() {
        return ParameterJson.read(trainingParameters);
    }

    public void apply(TrainingParameters defaults) {
        trainingParameters = ParameterJson.write(defaults);
    }

    public ActiveLearningSettings activeLearning() {
        return new ActiveLearningSettings(activeLearningEnabled, activeLearningEveryN, activeLearningDeployAfterTraining);
    }

    public void apply(ActiveLearningSettings settings) {
        activeLearningEnabled = settings.enabled();
        activeLearningEveryN = settings.everyNCompletions();
        activeLearningDeployAfterTraining = settings.deployAfterTraining();
    }
}
