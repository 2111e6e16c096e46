package org.annotationlab.deploy.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.annotationlab.web.problem.ProblemException;

/** The registry as the labeling-config editor and pipelines read it. */
@Path("/models")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Models whose name or project slug contains {@code project} (case-insensitive), pretrained
     * ones included; all models without it. Newest first.
     */
    @GET
    public Uni<List<ModelView>> list(@QueryParam("project") String project) {
        String fragment = project == null ? "" : project.trim().toLowerCase();
        return Panache.withSession(() -> RegisteredModel.<RegisteredModel>find(
                        "lower(name) like ?1 or projectId in (select c.projectId from ProjectConfig c where lower(c.slug) like ?1)"
                                + " order by registeredAt desc", "%" + fragment.replace("%", "") + "%").list())
                .map(models -> models.stream().map(ModelResource::view).toList());
    }

    @GET
    @Path("/{name}")
    public Uni<ModelView> get(@PathParam("name") String name) {
        return Panache.withSession(() -> RegisteredModel.<RegisteredModel>findById(name))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("model " + name))
                .map(ModelResource::view);
    }

    static ModelView view(RegisteredModel m) {
        JsonNode metrics;
        try {
            metrics = m.metrics == null ? null : JSON.readTree(m.metrics);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new ModelView(m.name, m.projectId, m.labelList(), m.pretrained, m.version, m.runId, metrics,
                m.datasetSize, m.datasetSha256, m.trainedAt, m.registeredAt, m.path);
    }

    /** A registry entry: what it predicts, how well, from which data and run. */
    public record ModelView(String name, UUID projectId, List<String> labels, boolean pretrained, Integer version,
            UUID trainingRun, JsonNode metrics, Integer datasetSize, String datasetSha256, Instant trainedAt,
            Instant registeredAt, String path) {
    }
}
