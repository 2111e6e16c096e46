package org.annotationlab.project.labelingconfig;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.annotationlab.project.labelingconfig.LabelingConfigService.LabelingConfigView;
import org.annotationlab.web.security.ProjectAuthorizer;
import org.annotationlab.web.security.ProjectPermission;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Choosing the model of one label on demand: the same rewrite and validation as a whole config. */
@Path("/projects/{projectId}/labels/{label}/model")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LabelBindingResource {

    private final LabelingConfigService configs;
    private final ProjectAuthorizer authorizer;

    LabelBindingResource(LabelingConfigService configs, ProjectAuthorizer authorizer) {
        this.configs = configs;
        this.authorizer = authorizer;
    }

    /** {@code {"model": "name"}} binds the label; {@code {"model": null}} unbinds it. */
    @PUT
    @APIResponse(responseCode = "200", description = "the rewritten labeling config",
            content = @Content(schema = @Schema(implementation = LabelingConfigView.class)))
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED: model is empty or too long; UNKNOWN_MODEL: "
            + "the model is neither this project's nor pretrained; LABEL_NOT_PREDICTED: the model does not predict "
            + "the label")
    public Uni<LabelingConfigView> bind(@PathParam("projectId") UUID projectId, @PathParam("label") String label,
            @Valid @NotNull LabelingConfigResource.ModelBinding binding) {
        return authorizer.require(projectId, ProjectPermission.EDIT_PROJECT)
                .chain(() -> configs.bindLabel(projectId, label, binding.model()));
    }
}
