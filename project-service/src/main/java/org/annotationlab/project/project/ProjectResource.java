package org.annotationlab.project.project;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.web.paging.Page;
import org.annotationlab.web.paging.PageRequest;
import org.annotationlab.web.problem.StorageProblems;
import org.annotationlab.web.security.ProjectAuthorizer;
import org.annotationlab.web.security.ProjectPermission;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Projects. Any authenticated user may create one and becomes its Owner. */
@Path("/projects")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectResource {

    private final ProjectService projects;
    private final ProjectAuthorizer authorizer;

    ProjectResource(ProjectService projects, ProjectAuthorizer authorizer) {
        this.projects = projects;
        this.authorizer = authorizer;
    }

    @POST
    @APIResponse(responseCode = "201", description = "the project is created, the caller its Owner; Location names it",
            content = @Content(schema = @Schema(implementation = ProjectView.class)))
    @APIResponse(responseCode = "409", description = "PROJECT_NAME_TAKEN: a project of that name already exists")
    @APIResponse(responseCode = "413", description = "PAYLOAD_TOO_LARGE: the body is larger than this service accepts")
    @APIResponse(responseCode = "415", description = "UNSUPPORTED_MEDIA_TYPE: the body is not application/json")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED: a field is invalid; INVALID_LABELING_CONFIG: "
            + "labelingConfig is malformed, unsafe or not a valid labeling config; UNKNOWN_MODEL: a bound model is not "
            + "pretrained; LABEL_NOT_PREDICTED: a bound model does not predict its label")
    public Uni<Response> create(@Valid @NotNull ProjectDtos.Create request) {
        return projects.create(request, authorizer.username())
                .onFailure(e -> NAME_INDEX.equals(StorageProblems.violatedUnique(e))).transform(e -> ProjectService.nameTaken(request.name()))
                .map(p -> Response.created(URI.create("/projects/" + p.id())).entity(p).build());
    }

    @GET
    public Uni<Page<ProjectView>> list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size, @QueryParam("sort") String sort,
            @QueryParam("q") @Size(max = 200) String q) {
        return projects.list(authorizer.username(), authorizer.isAdmin(), q,
                PageRequest.of(page, size, sort, SORTS, "created,desc", "id"));
    }

    /** The unique index on lower(name): a concurrent request took the name between the check and the write. */
    private static final String NAME_INDEX = "project_name_ci";

    /** The orders the project list offers. */
    static final Map<String, String> SORTS = PageRequest.keys("name", "lower(name)", "created", "createdAt");

    @GET
    @Path("/{projectId}")
    public Uni<ProjectView> get(@PathParam("projectId") UUID projectId) {
        return authorizer.require(projectId, ProjectPermission.READ_PROJECT)
                .flatMap(role -> projects.get(projectId, role));
    }

    @PUT
    @Path("/{projectId}")
    @APIResponse(responseCode = "200", description = "the updated project",
            content = @Content(schema = @Schema(implementation = ProjectView.class)))
    @APIResponse(responseCode = "409", description = "PROJECT_NAME_TAKEN: another project has that name")
    public Uni<ProjectView> update(@PathParam("projectId") UUID projectId, @Valid @NotNull ProjectDtos.Update request) {
        return authorizer.require(projectId, ProjectPermission.EDIT_PROJECT)
                .flatMap(role -> projects.update(projectId, request, role))
                .onFailure(e -> NAME_INDEX.equals(StorageProblems.violatedUnique(e))).transform(e -> ProjectService.nameTaken(request.name()));
    }

    @DELETE
    @Path("/{projectId}")
    @APIResponse(responseCode = "204", description = "the project and its memberships are deleted")
    public Uni<Response> delete(@PathParam("projectId") UUID projectId) {
        return authorizer.require(projectId, ProjectPermission.DELETE_PROJECT)
                .chain(() -> projects.delete(projectId))
                .map(ignored -> Response.noContent().build());
    }
}
