package org.annotationlab.web.membership;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.annotationlab.events.EventCodec;
import org.annotationlab.events.EventEnvelope;
import org.annotationlab.events.project.MemberAdded;
import org.annotationlab.events.project.MemberRemoved;
import org.annotationlab.events.project.MemberRoleChanged;
import org.annotationlab.events.project.ProjectDeleted;
import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.web.Blocking;
import org.annotationlab.web.problem.ProblemException;
import org.annotationlab.web.security.MembershipLookup;

/**
 * Memberships as the other services know them: built from project-service's membership events,
 * read when authorizing (DESIGN.md §2) if project-service itself cannot be asked
 * ({@link ProjectOwner}). Enabled with the build property
 * {@code lab.membership-view.enabled=true} in every service except project-service.
 */
@ApplicationScoped
@IfBuildProperty(name = "lab.membership-view.enabled", stringValue = "true")
public class MembershipView implements MembershipLookup {

    /** The view's table, for a hot path that joins the caller's role into its own read. */
    public static final String TABLE = "project_membership";
    private static final String ROLE = "select role from " + TABLE + " where project_id = $1 and username = $2";

    private final Pool pool;
    private final ProjectOwner owner;

    MembershipView(Pool pool, ProjectOwner owner) {
        this.pool = pool;
        this.owner = owner;
    }

    /**
     * The caller's role as project-service has it now ({@link ProjectOwner}: from memory
     * within its TTL, else asked on a worker thread), or, when it cannot be asked, from the view:
     * one prepared statement on the reactive pool, outside any Hibernate session.
     */
    @Override
    public Uni<Optional<ProjectRole>> roleOf(UUID projectId, String username) {
        return ownerRole(projectId, username).flatMap(answer -> answer != null ? Uni.createFrom().item(answer)
                : pool.preparedQuery(ROLE).execute(Tuple.of(projectId, username))
                        .map(rows -> rows.size() == 0 ? Optional.empty()
                                : Optional.of(ProjectRole.valueOf(rows.iterator().next().getString(0)))));
    }

    /**
     * project-service's answer for the caller (a null item when it cannot be asked): for a hot
     * path that reads the view's role in a query of its own and needs only the owner's word.
     */
    public Uni<Optional<ProjectRole>> ownerRole(UUID projectId, String username) {
        ProjectRole cached = owner.cached(projectId, username);
        if (cached != null) {
            return Uni.createFrom().item(Optional.of(cached));
        }
        String token = owner.tokenToAsk(username);
        if (token == null) {
            return Uni.createFrom().nullItem();
        }
        boolean admin = owner.callerIsAdmin();
        return Blocking.offload(() -> existing(projectId, owner.ask(projectId, username, token), admin));
    }

    /** The same, blocking, for callers on a worker thread (null when it cannot be asked). */
    public Optional<ProjectRole> ownerRoleBlocking(UUID projectId, String username) {
        ProjectRole cached = owner.cached(projectId, username);
        if (cached != null) {
            return Optional.of(cached);
        }
        String token = owner.tokenToAsk(username);
        return token == null ? null : existing(projectId, owner.ask(projectId, username, token), owner.callerIsAdmin());
    }

    /**
     * The realm admin sees every project, so project-service's 404 to the admin means the project
     * does not exist (or was deleted): a 404 for whatever the admin asked, rather than acting as
     * Owner of nothing. When project-service cannot be asked, the admin is let through as before.
     */
    private static Optional<ProjectRole> existing(UUID projectId, Optional<ProjectRole> answer, boolean admin) {
        if (admin && answer != null && answer.isEmpty()) {
            throw ProblemException.notFound("project " + projectId);
        }
        return answer;
    }

    /** Applies a membership event to the view; other events leave it unchanged. */
    public Uni<Void> apply(EventEnvelope event, EventCodec codec) {
        if (event.is(MemberAdded.class)) {
            MemberAdded added = codec.data(event, MemberAdded.class);
            return upsert(added.projectId(), added.username(), added.role());
        }
        if (event.is(MemberRoleChanged.class)) {
            MemberRoleChanged changed = codec.data(event, MemberRoleChanged.class);
            return upsert(changed.projectId(), changed.username(), changed.role());
        }
        if (event.is(MemberRemoved.class)) {
            MemberRemoved removed = codec.data(event, MemberRemoved.class);
            return Membership.deleteById(new Membership.Key(removed.projectId(), removed.username())).replaceWithVoid();
        }
        if (event.is(ProjectDeleted.class)) {
            return Membership.delete("key.projectId", codec.data(event, ProjectDeleted.class).projectId())
                    .replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }

    private static Uni<Void> upsert(UUID projectId, String username, ProjectRole role) {
        Membership.Key key = new Membership.Key(projectId, username);
        return Membership.<Membership>findById(key).flatMap(existing -> {
            Membership m = existing != null ? existing : new Membership();
            m.key = key;
            m.role = role;
            return m.persist();
        }).replaceWithVoid();
    }
}
