package org.annotationlab.project.member;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.project.member.MemberDtos.MemberView;
import org.annotationlab.web.paging.Page;
import org.annotationlab.web.paging.PageRequest;
import org.annotationlab.web.security.ProjectAuthorizer;
import org.annotationlab.web.security.ProjectPermission;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Members of a project: any member may list them; only Owners change them. */
@Path("/projects/{projectId}/members")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MemberResource {

    private final MemberService members;
    private final ProjectAuthorizer authorizer;

    MemberResource(MemberService members, ProjectAuthorizer authorizer) {
        this.members = members;
        this.authorizer = authorizer;
    }

    /** The orders the member list offers. */
    static final Map<String, String> SORTS = PageRequest.keys("username", "key.username", "role", "role", "added", "addedAt");

    @GET
    public Uni<Page<MemberView>> list(@PathParam("projectId") UUID projectId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size, @QueryParam("sort") String sort) {
        return authorizer.require(projectId, ProjectPermission.READ_PROJECT)
                .chain(() -> members.list(projectId, PageRequest.of(page, size, sort, SORTS, "username", "key.username")));
    }

    @POST
    @APIResponse(responseCode = "201", description = "the member is added",
            content = @Content(schema = @Schema(implementation = MemberView.class)))
    @APIResponse(responseCode = "409", description = "ALREADY_MEMBER: the user is already a member of the project")
    public Uni<Response> add(@PathParam("projectId") UUID projectId, @Valid @NotNull MemberDtos.Add request) {
        return authorizer.require(projectId, ProjectPermission.MANAGE_MEMBERS)
                .chain(() -> members.add(projectId, request))
                .map(member -> Response.status(Response.Status.CREATED).entity(member).build());
    }

    @PUT
    @Path("/{username}")
    @APIResponse(responseCode = "200", description = "the member with the role (unchanged when it was already the role)",
            content = @Content(schema = @Schema(implementation = MemberView.class)))
    @APIResponse(responseCode = "409", description = "LAST_OWNER: the project would be left without an Owner")
    public Uni<MemberView> changeRole(@PathParam("projectId") UUID projectId, @PathParam("username") String username,
            @Valid @NotNull MemberDtos.ChangeRole request) {
        return authorizer.require(projectId, ProjectPermission.MANAGE_MEMBERS)
                .chain(() -> members.changeRole(projectId, username, request.role()));
    }

    @DELETE
    @Path("/{username}")
    @APIResponse(responseCode = "204", description = "the member is removed")
    @APIResponse(responseCode = "409", description = "LAST_OWNER: the project would be left without an Owner")
    public Uni<Response> remove(@PathParam("projectId") UUID projectId, @PathParam("username") String username) {
        return authorizer.require(projectId, ProjectPermission.MANAGE_MEMBERS)
                .chain(() -> members.remove(projectId, username))
                .map(ignored -> Response.noContent().build());
    }
}
