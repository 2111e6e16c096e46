package org.annotationlab.annotation.trainingset;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.annotationlab.events.annotation.TrainingSetHeaders;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The training set of a project, selected by DESIGN.md §4 (test tasks excepted): streamed as
 * CoNLL-2003 or NDJSON, with the snapping report and the project's test tag in response headers,
 * and its summary.
 */
@Path("/projects/{projectId}/training-set")
@Authenticated
public class TrainingSetResource {

    private final TrainingSetExporter exporter;

    TrainingSetResource(TrainingSetExporter exporter) {
        this.exporter = exporter;
    }

    /** {@code tags}: comma-separated; a task is included when it has any of them (all tasks if none). */
    @GET
    @Blocking
    @Produces({MediaType.TEXT_PLAIN, "application/x-ndjson"})
    @APIResponse(responseCode = "200", description = "the training set, CoNLL-2003 (format=conll) or NDJSON "
            + "(format=json); the X-Training-Set-* headers report its counts",
            content = {@Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING)),
                @Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED: format is neither conll nor json, or tags "
            + "include the project's test tag (test tasks are never in a training set)")
    public Response export(@PathParam("projectId") UUID projectId, @QueryParam("tags") String tags,
            @QueryParam("format") @DefaultValue("conll") @Pattern(regexp = "conll|json", message = "must be conll or json") String format) {
        return stream(exporter.openTrainingSet(projectId, tagList(tags)), format);
    }

    /** The export's response: the set streamed in {@code format}, its counts and the test tag in headers; closes the export. */
    static Response stream(TrainingSetExporter.Export export, String format) {
        try {
            TrainingSetSummary summary = export.summary();
            TrainingSetExporter.Format chosen = TrainingSetExporter.Format.valueOf(format.toUpperCase());
            StreamingOutput body = out -> {
                try (export) {
                    export.write(chosen, out);
                }
            };
            return Response.ok(body, chosen == TrainingSetExporter.Format.CONLL ? "text/plain;charset=UTF-8"
                            : "application/x-ndjson")
                    .header(TrainingSetHeaders.COMPLETIONS, summary.selectedCompletions())
                    .header(TrainingSetHeaders.SPANS, summary.spans())
                    .header(TrainingSetHeaders.SPANS_ADJUSTED, summary.spansAdjusted())
                    .header(TrainingSetHeaders.SPANS_DROPPED, summary.spansDropped())
                    .header(TrainingSetHeaders.TEST_TAG, export.testTag())
                    .build();
        } catch (RuntimeException e) {
            export.close();
            throw e;
        }
    }

    @GET
    @Path("/summary")
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "what the selected training set holds",
            content = @Content(schema = @Schema(implementation = TrainingSetSummary.class)))
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED: tags include the project's test tag")
    public TrainingSetSummary summary(@PathParam("projectId") UUID projectId, @QueryParam("tags") String tags) {
        try (TrainingSetExporter.Export export = exporter.openTrainingSet(projectId, tagList(tags))) {
            return export.summary();
        }
    }

    private static List<String> tagList(String tags) {
        return tags == null || tags.isBlank() ? List.of()
                : Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }
}
