package org.annotationlab.project.member;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.annotationlab.events.outbox.Outbox;
import org.annotationlab.events.project.MemberAdded;
import org.annotationlab.events.project.MemberRemoved;
import org.annotationlab.events.project.MemberRoleChanged;
import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.project.member.MemberDtos.MemberView;
import org.annotationlab.web.problem.ProblemException;
import org.annotationlab.web.paging.Page;
import org.annotationlab.web.paging.PageRequest;
import org.jboss.logging.Logger;

/**
 * Members of a project and their roles. A project always keeps at least one Owner; every change
 * is published on {@code lab.projects} so the other services can authorize locally.
 */
@ApplicationScoped
public class MemberService {

    private static final Logger LOG = Logger.getLogger(MemberService.class);

    private final Outbox outbox;

    MemberService(Outbox outbox) {
        this.outbox = outbox;
    }

    @WithSession
    public Uni<Page<MemberView>> list(UUID projectId, PageRequest request) {
        return Page.of(ProjectMember.<ProjectMember>find("key.projectId = ?1" + request.orderBy(), projectId), request,
                MemberView::of);
    }

    /** Adds a member inside the caller's transaction (used when a project is created, too). */
    public Uni<MemberView> addInTransaction(UUID projectId, String username, ProjectRole role) {
        ProjectMember member = new ProjectMember();
        member.key = new ProjectMember.Key(projectId, username);
        member.role = role;
        member.addedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return member.persist()
                .chain(() -> outbox.append(new MemberAdded(projectId, username, role)))
                .invoke(() -> LOG.infof("project %s: %s added as %s", projectId, username, role))
                .replaceWith(MemberView.of(member));
    }

    @WithTransaction
    public Uni<MemberView> add(UUID projectId, MemberDtos.Add request) {
        return ProjectMember.find(projectId, request.username()).flatMap(existing -> {
            if (existing != null) {
                throw ProblemException.conflict("ALREADY_MEMBER",
                        request.username() + " is already a member (" + existing.role + ")");
            }
            return addInTransaction(projectId, request.username(), request.role());
        });
    }

    @WithTransaction
    public Uni<MemberView> changeRole(UUID projectId, String username, ProjectRole role) {
        return existing(projectId, username).flatMap(member -> {
            ProjectRole previous = member.role;
            if (previous == role) {
                return Uni.createFrom().item(MemberView.of(member));
            }
            return keepAnOwner(projectId, previous).chain(() -> {
                member.role = role;
                return outbox.append(new MemberRoleChanged(projectId, username, previous, role));
            }).invoke(() -> LOG.infof("project %s: %s is now %s (was %s)", projectId, username, role, previous))
                    .map(ignored -> MemberView.of(member));
        });
    }

    @WithTransaction
    public Uni<Void> remove(UUID projectId, String username) {
        return existing(projectId, username).flatMap(member -> keepAnOwner(projectId, member.role)
                .chain(member::delete)
                .chain(() -> outbox.append(new MemberRemoved(projectId, username)))
                .invoke(() -> LOG.infof("project %s: %s removed", projectId, username))
                .replaceWithVoid());
    }

    private static Uni<ProjectMember> existing(UUID projectId, String username) {
        return ProjectMember.find(projectId, username).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("member " + username));
    }

    /** Refuses a change that would leave the project without an Owner. */
    private static Uni<Void> keepAnOwner(UUID projectId, ProjectRole roleBeingGivenUp) {
        if (roleBeingGivenUp != ProjectRole.OWNER) {
            return Uni.createFrom().voidItem();
        }
        return ProjectMember.countOwners(projectId).invoke(owners -> {
            if (owners <= 1) {
                throw ProblemException.conflict("LAST_OWNER", "a project must keep at least one Owner");
            }
        }).replaceWithVoid();
    }
}
