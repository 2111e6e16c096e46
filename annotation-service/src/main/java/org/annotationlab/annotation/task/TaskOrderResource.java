package org.annotationlab.annotation.task;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.annotationlab.web.security.ProjectAuthorizer;
import org.annotationlab.web.security.ProjectPermission;
import org.jboss.logging.Logger;

/** A project's task order (DESIGN.md §4): how {@code GET …/tasks/next} picks a user's next task. */
@Path("/projects/{projectId}/task-order")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class TaskOrderResource {

    private static final Logger LOG = Logger.getLogger(TaskOrderResource.class);

    private final ProjectAuthorizer authorizer;

    TaskOrderResource(ProjectAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    @GET
    @WithSession
    public Uni<TaskDtos.OrderSettings> settings(@PathParam("projectId") UUID projectId) {
        return authorizer.require(projectId, ProjectPermission.READ_PROJECT)
                .chain(() -> TaskOrderSetting.of(projectId)).map(TaskOrderResource::view);
    }

    /** Sets the order; an Owner's or Manager's. Omitted {@code measure} and {@code seed} keep their value. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @WithTransaction
    public Uni<TaskDtos.OrderSettings> change(@PathParam("projectId") UUID projectId,
            @Valid @NotNull TaskDtos.OrderSettings settings) {
        return authorizer.require(projectId, ProjectPermission.TRAIN)
                .chain(() -> TaskOrderSetting.of(projectId))
                .chain(setting -> {
                    setting.strategy = settings.strategy();
                    if (settings.measure() != null) {
                        setting.measure = settings.measure();
                    }
                    if (settings.seed() != null) {
                        setting.seed = settings.seed();
                    }
                    return Panache.getSession().chain(session -> session.merge(setting));
                })
                .invoke(saved -> LOG.infof("project %s: task order is now %s (measure %s, seed %d)", projectId,
                        saved.strategy, saved.measure, saved.seed))
                .map(TaskOrderResource::view);
    }

    private static TaskDtos.OrderSettings view(TaskOrderSetting setting) {
        return new TaskDtos.OrderSettings(setting.strategy, setting.measure, setting.seed);
    }
}
