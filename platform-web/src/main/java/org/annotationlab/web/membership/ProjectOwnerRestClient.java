package org.annotationlab.web.membership;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.annotationlab.web.client.RemoteProblems;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;

/**
 * project-service's answers {@link ProjectOwner} asks for, with the caller's own token. Built by
 * {@link ProjectOwner} (its URL is {@code lab.membership.project-url}); answers of 400 or more
 * arrive as {@link org.annotationlab.web.client.RemoteProblem}s.
 */
@Path("/projects/{projectId}")
@Produces(MediaType.APPLICATION_JSON)
@RegisterProvider(RemoteProblems.class)
interface ProjectOwnerRestClient {

    /** The project as the caller sees it: {@code myRole}, or 404 for a non-member. */
    @GET
    Project project(@PathParam("projectId") UUID projectId, @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer);

    /** The labeling config as saved; 404 when the project has none. */
    @GET
    @Path("/labeling-config")
    LabelingConfig labelingConfig(@PathParam("projectId") UUID projectId, @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer);

    /** The part of project-service's project view asked for. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Project(String myRole) {
    }

    /** The part of project-service's labeling-config view asked for. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record LabelingConfig(List<Label> labels) {
    }

    /** One label of the config. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Label(String value) {
    }
}
