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
    public Uni<LabelingConfigView> bind(@PathParam("projectId") UUID projectId, @PathParam("label") String label,
            @Valid @NotNull LabelingConfigResource.ModelBinding binding) {
        return authorizer.require(projectId, ProjectPermission.EDIT_PROJECT)
                .chain(() -> configs.bindLabel(projectId, label, binding.model()));
    }
}
