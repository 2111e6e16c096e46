package org.annotationlab.project.labelingconfig;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.annotationlab.project.labelingconfig.LabelingConfigService.LabelingConfigView;
import org.annotationlab.web.problem.ProblemException;
import org.annotationlab.web.security.ProjectAuthorizer;
import org.annotationlab.web.security.ProjectPermission;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * A project's labeling config, sent and returned as Label Studio XML ({@code application/xml} or
 * {@code text/xml}); responses are JSON with the parsed labels and their model bindings.
 */
@Path("/projects/{projectId}/labeling-config")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class LabelingConfigResource {

    private final LabelingConfigService configs;
    private final ProjectAuthorizer authorizer;

    LabelingConfigResource(LabelingConfigService configs, ProjectAuthorizer authorizer) {
        this.configs = configs;
        this.authorizer = authorizer;
    }

    @GET
    public Uni<LabelingConfigView> get(@PathParam("projectId") UUID projectId) {
        return authorizer.require(projectId, ProjectPermission.READ_PROJECT).chain(() -> configs.get(projectId));
    }

    @PUT
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML, MediaType.TEXT_PLAIN})
    @APIResponse(responseCode = "200", description = "the saved labeling config",
            content = @Content(schema = @Schema(implementation = LabelingConfigView.class)))
    @APIResponse(responseCode = "422", description = "INVALID_LABELING_CONFIG: the XML is malformed, unsafe or not a valid "
            + "labeling config; UNKNOWN_MODEL: a bound model is neither this project's nor pretrained; "
            + "LABEL_NOT_PREDICTED: a bound model does not predict its label")
    public Uni<LabelingConfigView> replace(@PathParam("projectId") UUID projectId, String xml) {
        return authorizer.require(projectId, ProjectPermission.EDIT_PROJECT).chain(() -> configs.replace(projectId, xml));
    }

    /**
     * Binds every label {@code model} predicts that is not bound to a pretrained model to it
     * (DESIGN.md §3): what deploy-service asks after a training with deploy, and the frontend's
     * "use this model". The answer names the labels it does not predict ({@code notPredicted}).
     */
    @POST
    @Path("/model-bindings")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "the rewritten labeling config; notPredicted names the labels "
            + "the model does not predict", content = @Content(schema = @Schema(implementation = LabelingConfigView.class)))
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED: model is missing or too long; UNKNOWN_MODEL: "
            + "the model is neither this project's nor pretrained; LABEL_NOT_PREDICTED: a kept binding's model does "
            + "not predict its label")
    public Uni<LabelingConfigView> bindAll(@PathParam("projectId") UUID projectId,
            @jakarta.validation.Valid @jakarta.validation.constraints.NotNull ModelBinding binding) {
        if (binding.model() == null) {
            throw ProblemException.invalid("model", "must name a model");
        }
        return authorizer.require(projectId, ProjectPermission.EDIT_PROJECT)
                .chain(() -> configs.bindAllButPretrained(projectId, binding.model()));
    }

    /** A model to bind labels to; {@code null} unbinds (single label only). */
    public record ModelBinding(@jakarta.validation.constraints.Size(min = 1, max = 200) String model) {
    }

    /** Checks a config without saving it: what the frontend's preview pane calls. */
    @POST
    @Path("/validation")
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML, MediaType.TEXT_PLAIN})
    @APIResponse(responseCode = "200", description = "the config is valid; its parsed labels (nothing is saved)",
            content = @Content(schema = @Schema(implementation = LabelingConfigView.class)))
    @APIResponse(responseCode = "422", description = "INVALID_LABELING_CONFIG: the XML is malformed, unsafe or not a valid "
            + "labeling config; UNKNOWN_MODEL: a bound model is neither this project's nor pretrained; "
            + "LABEL_NOT_PREDICTED: a bound model does not predict its label")
    public Uni<LabelingConfigView> validate(@PathParam("projectId") UUID projectId, String xml) {
        return authorizer.require(projectId, ProjectPermission.EDIT_PROJECT)
                .chain(() -> configs.validate(projectId, xml))
                .map(parsed -> new LabelingConfigView(parsed.labels(), xml, null));
    }
}
