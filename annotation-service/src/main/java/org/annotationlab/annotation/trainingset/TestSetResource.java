package org.annotationlab.annotation.trainingset;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.annotationlab.annotation.task.TaskDtos;
import org.annotationlab.web.security.ProjectAuthorizer;
import org.annotationlab.web.security.ProjectPermission;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

/**
 * A project's test set (DESIGN.md §4): its test tag (a setting), the set itself — the tasks with
 * that tag, one completion each by the selection rules — streamed like the training set, and its
 * summary.
 */
@Path("/projects/{projectId}/test-set")
@Authenticated
public class TestSetResource {

    private static final Logger LOG = Logger.getLogger(TestSetResource.class);

    /** The test-set setting. */
    public record Settings(@NotNull @Pattern(regexp = TaskDtos.TAG, message = "letters, digits and _ . : - only, at most 100") String tag) {
    }

    /** The test set's tag and what its selected completions hold. */
    public record Summary(String tag, TrainingSetSummary selected) {
    }

    private final TrainingSetExporter exporter;
    private final ProjectAuthorizer authorizer;
    private final TrainingSetTracker trainingSet;

    TestSetResource(TrainingSetExporter exporter, ProjectAuthorizer authorizer, TrainingSetTracker trainingSet) {
        this.exporter = exporter;
        this.authorizer = authorizer;
        this.trainingSet = trainingSet;
    }

    /** The test set as NDJSON (raw text and character spans, the default) or CoNLL-2003, with the same headers as the training set. */
    @GET
    @Blocking
    @Produces({"application/x-ndjson", MediaType.TEXT_PLAIN})
    @APIResponse(responseCode = "200", description = "the test set, NDJSON (format=json, the default) or CoNLL-2003 "
            + "(format=conll); the X-Training-Set-* headers report its counts, X-Test-Set-Tag the tag",
            content = {@Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING)),
                @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED: format is neither json nor conll")
    public Response export(@PathParam("projectId") UUID projectId,
            @QueryParam("format") @DefaultValue("json") @Pattern(regexp = "conll|json", message = "must be conll or json") String format) {
        return TrainingSetResource.stream(exporter.openTestSet(projectId), format);
    }

    @GET
    @Path("/summary")
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    public Summary summary(@PathParam("projectId") UUID projectId) {
        try (TrainingSetExporter.Export export = exporter.openTestSet(projectId)) {
            return new Summary(export.testTag(), export.summary());
        }
    }

    @GET
    @Path("/settings")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Settings> settings(@PathParam("projectId") UUID projectId) {
        return authorizer.require(projectId, ProjectPermission.READ_PROJECT)
                .chain(() -> TestSet.tagOf(projectId)).map(Settings::new);
    }

    /**
     * Names another tag as the test tag. The training set's size is recounted: tasks with the old
     * tag may join it, tasks with the new one leave it.
     */
    @PUT
    @Path("/settings")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    @WithTransaction
    public Uni<Settings> change(@PathParam("projectId") UUID projectId, @Valid @NotNull Settings settings) {
        return authorizer.require(projectId, ProjectPermission.TRAIN)
                .chain(() -> TestSet.<TestSet>findById(projectId))
                .chain(found -> {
                    TestSet row = found != null ? found : new TestSet();
                    row.projectId = projectId;
                    row.tag = settings.tag();
                    return row.persist();
                })
                .call(() -> trainingSet.requestRecount(projectId))
                .invoke(() -> LOG.infof("project %s: the test tag is now %s", projectId, settings.tag()))
                .replaceWith(settings);
    }
}
