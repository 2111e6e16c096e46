package org.annotationlab.deploy.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.web.membership.MembershipView;
import org.annotationlab.web.paging.Page;
import org.annotationlab.web.paging.PageRequest;
import org.annotationlab.web.problem.ProblemException;
import org.annotationlab.web.security.ProjectAuthorizer;
import org.annotationlab.web.security.ProjectPermission;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The registry as the labeling-config editor and pipelines read it. A user sees the pretrained
 * catalog and the models of the projects where their role may read training results
 * (READ_TRAINING); another project's models are answered as if they did not exist, so that a
 * non-member does not learn that a project exists (docs/roles.md). The realm admin sees all.
 */
@Path("/models")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The roles that may read training results, as the membership view stores them. */
    private static final List<String> READERS = Arrays.stream(ProjectRole.values())
            .filter(ProjectPermission.READ_TRAINING::allows).map(Enum::name).toList();
    /** Models the caller may see (:user, :admin true for the realm admin, :roles the readers). */
    private static final String VISIBLE = "(m.pretrained or :admin or m.project_id in (select project_id from "
            + MembershipView.TABLE + " where username = :user and role in (:roles)))";

    private final ProjectAuthorizer authorizer;

    ModelResource(ProjectAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    /**
     * Models whose name, or whose project's name or slug, contains {@code project}
     * (case-insensitive), pretrained ones included; all visible models without it. Newest first.
     */
    @GET
    public Uni<Page<ModelView>> list(@QueryParam("project") String project,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size, @QueryParam("sort") String sort) {
        PageRequest request = PageRequest.of(page, size, sort, SORTS, "registered,desc", "m.name");
        String fragment = PageRequest.containing(project);
        String matching = "(lower(m.name) like :fragment or m.project_id in (select c.project_id from project_config c "
                + "where lower(c.slug) like :fragment or lower(c.name) like :fragment))";
        String user = authorizer.username();
        boolean admin = authorizer.isAdmin();
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> visible(session.createNativeQuery(
                        "select m.* from registered_model m where " + VISIBLE + " and " + matching + request.orderBy()
                                + " limit " + size + " offset " + request.offset(), RegisteredModel.class), user, admin, fragment)
                .getResultList()
                .flatMap(models -> visible(session.createNativeQuery("select count(*) from registered_model m where " + VISIBLE
                                + " and " + matching, Long.class), user, admin, fragment).getSingleResult()
                        .map(total -> new Page<>(models.stream().map(ModelResource::view).toList(), page, size, total)))));
    }

    /** The orders the model list offers. */
    static final Map<String, String> SORTS = PageRequest.keys("registered", "m.registered_at", "name", "m.name",
            "trained", "m.trained_at");

    @GET
    @Path("/{name}")
    public Uni<ModelView> get(@PathParam("name") String name) {
        String user = authorizer.username();
        boolean admin = authorizer.isAdmin();
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> visible(session.createNativeQuery(
                        "select m.* from registered_model m where " + VISIBLE + " and m.name = :fragment", RegisteredModel.class),
                user, admin, name).getResultList()))
                .map(models -> models.stream().findFirst().map(ModelResource::view)
                        .orElseThrow(() -> ProblemException.notFound("model " + name)));
    }

    /** The query with the caller's visibility parameters and {@code fragment} set. */
    private static <T> Mutiny.SelectionQuery<T> visible(Mutiny.SelectionQuery<T> query, String user, boolean admin,
            String fragment) {
        query.setParameter("admin", admin).setParameter("user", user).setParameter("roles", READERS)
                .setParameter("fragment", fragment);
        return query;
    }

    static ModelView view(RegisteredModel m) {
        JsonNode metrics;
        try {
            metrics = m.metrics == null ? null : JSON.readTree(m.metrics);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new ModelView(m.name, m.projectId, m.labelList(), m.pretrained, m.version, m.runId, metrics,
                m.datasetSize, m.datasetSha256, m.trainedAt, m.registeredAt);
    }

    /** A registry entry: what it predicts, how well, from which data and run (its files are not shown). */
    public record ModelView(String name, UUID projectId, List<String> labels, boolean pretrained, Integer version,
            UUID trainingRun, JsonNode metrics, Integer datasetSize, String datasetSha256, Instant trainedAt,
            Instant registeredAt) {
    }
}
