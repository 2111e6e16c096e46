package org.annotationlab.project.settings;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.project.project.ProjectService;
import org.annotationlab.training.contract.TrainingParameters;
import org.annotationlab.web.training.ParameterJson;
import org.annotationlab.web.security.ProjectAuthorizer;
import org.annotationlab.web.security.ProjectPermission;

/**
 * A project's default training parameters and active-learning settings. Members read them;
 * Owners and Managers change them (DESIGN.md §2: training parameters, the active-learning switch).
 */
@Path("/projects/{projectId}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SettingsResource {

    private final ProjectService projects;
    private final ProjectAuthorizer authorizer;

    SettingsResource(ProjectService projects, ProjectAuthorizer authorizer) {
        this.projects = projects;
        this.authorizer = authorizer;
    }

    @GET
    @Path("/training-parameters")
    public Uni<TrainingParameters> trainingDefaults(@PathParam("projectId") UUID projectId) {
        return authorizer.require(projectId, ProjectPermission.READ_PROJECT)
                .flatMap(role -> projects.get(projectId, role))
                .map(p -> p.trainingDefaults());
    }

    /**
     * Replaces the defaults: a parameter left out takes the platform's default, so a client written
     * before a parameter was added keeps working.
     */
    @PUT
    @Path("/training-parameters")
    public Uni<TrainingParameters> replaceTrainingDefaults(@PathParam("projectId") UUID projectId,
            @NotNull Map<String, Object> defaults) {
        return authorizer.require(projectId, ProjectPermission.TRAIN)
                .chain(() -> projects.changeTrainingDefaults(projectId,
                        ParameterJson.parse(defaults, TrainingParameters.DEFAULTS)));
    }

    @GET
    @Path("/active-learning")
    public Uni<ActiveLearningSettings> activeLearning(@PathParam("projectId") UUID projectId) {
        return authorizer.require(projectId, ProjectPermission.READ_PROJECT)
                .flatMap(role -> projects.get(projectId, role))
                .map(p -> p.activeLearning());
    }

    @PUT
    @Path("/active-learning")
    public Uni<ActiveLearningSettings> replaceActiveLearning(@PathParam("projectId") UUID projectId,
            @Valid @NotNull ActiveLearningSettings settings) {
        return authorizer.require(projectId, ProjectPermission.TRAIN)
                .chain(() -> projects.changeActiveLearning(projectId, settings));
    }
}
