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
import java.util.List;
import java.util.UUID;
import org.annotationlab.project.member.MemberRequests.MemberView;
import org.annotationlab.web.security.ProjectAuthorizer;
import org.annotationlab.web.security.ProjectPermission;

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

    @GET
    public Uni<List<MemberView>> list(@PathParam("projectId") UUID projectId) {
        return authorizer.require(projectId, ProjectPermission.READ_PROJECT).chain(() -> members.list(projectId));
    }

    @POST
    public Uni<Response> add(@PathParam("projectId") UUID projectId, @Valid @NotNull MemberRequests.Add request) {
        return authorizer.require(projectId, ProjectPermission.MANAGE_MEMBERS)
                .chain(() -> members.add(projectId, request))
                .map(member -> Response.status(Response.Status.CREATED).entity(member).build());
    }

    @PUT
    @Path("/{username}")
    public Uni<MemberView> changeRole(@PathParam("projectId") UUID projectId, @PathParam("username") String username,
            @Valid @NotNull MemberRequests.ChangeRole request) {
        return authorizer.require(projectId, ProjectPermission.MANAGE_MEMBERS)
                .chain(() -> members.changeRole(projectId, username, request.role()));
    }

    @DELETE
    @Path("/{username}")
    public Uni<Response> remove(@PathParam("projectId") UUID projectId, @PathParam("username") String username) {
        return authorizer.require(projectId, ProjectPermission.MANAGE_MEMBERS)
                .chain(() -> members.remove(projectId, username))
                .map(ignored -> Response.noContent().build());
    }
}
