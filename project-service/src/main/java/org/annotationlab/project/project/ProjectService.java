package org.annotationlab.project.project;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.annotationlab.events.outbox.Outbox;
import org.annotationlab.events.project.ActiveLearningConfigured;
import org.annotationlab.events.project.ProjectCreated;
import org.annotationlab.events.project.ProjectDeleted;
import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.events.project.ProjectUpdated;
import org.annotationlab.events.project.TrainingDefaultsChanged;
import org.annotationlab.project.labelingconfig.LabelingConfig;
import org.annotationlab.project.labelingconfig.LabelingConfigService;
import org.annotationlab.project.member.MemberService;
import org.annotationlab.project.member.ProjectMember;
import org.annotationlab.project.settings.ActiveLearningSettings;
import org.annotationlab.training.contract.TrainingParameters;
import org.annotationlab.web.paging.Page;
import org.annotationlab.web.paging.PageRequest;
import org.annotationlab.web.problem.ProblemException;
import org.jboss.logging.Logger;

/**
 * Creates, reads, renames and deletes projects. Creation makes the caller the Owner and publishes
 * the project's whole initial state, so consumers never need to ask project-service for it.
 */
@ApplicationScoped
public class ProjectService {

    private static final Logger LOG = Logger.getLogger(ProjectService.class);

    private final Outbox outbox;
    private final MemberService members;
    private final LabelingConfigService labelingConfigs;

    ProjectService(Outbox outbox, MemberService members, LabelingConfigService labelingConfigs) {
        this.outbox = outbox;
        this.members = members;
        this.labelingConfigs = labelingConfigs;
    }

    @WithTransaction
    public Uni<ProjectView> create(ProjectDtos.Create request, String owner) {
        Uni<LabelingConfig> config = request.labelingConfig() == null ? Uni.createFrom().nullItem()
                : labelingConfigs.validate(null, request.labelingConfig());
        return config.flatMap(parsed -> requireFreeName(request.name(), null)
                .chain(() -> uniqueSlug(request.name()))
                .flatMap(slug -> persistNew(request, owner, slug))
                .call(p -> outbox.append(new ProjectCreated(p.id, p.name, p.slug, p.description, owner)))
                .call(project -> members.addInTransaction(project.id, owner, ProjectRole.OWNER))
                .call(project -> parsed == null ? Uni.createFrom().voidItem()
                        : labelingConfigs.store(project, parsed, request.labelingConfig()))
                .call(this::publishSettings)
                .invoke(p -> LOG.infof("project %s created: %s (%s) by %s", p.id, p.name, p.slug, owner))
                .map(project -> ProjectView.of(project, ProjectRole.OWNER)));
    }

    @WithSession
    public Uni<ProjectView> get(UUID projectId, ProjectRole callerRole) {
        return existing(projectId).map(p -> ProjectView.of(p, callerRole));
    }

    /**
     * The projects the user is a member of (an admin sees every project), with the user's role in
     * each, whose name contains {@code q} (any case; all when blank), one page in the order asked.
     */
    @WithSession
    public Uni<Page<ProjectView>> list(String username, boolean admin, String q, PageRequest request) {
        return ProjectMember.ofUser(username).flatMap(memberships -> {
            Map<UUID, ProjectRole> roles = memberships.stream()
                    .collect(Collectors.toMap(m -> m.key.projectId(), m -> m.role));
            if (!admin && roles.isEmpty()) {
                return Uni.createFrom().item(new Page<ProjectView>(List.of(), request.page(), request.size(), 0));
            }
            String named = PageRequest.containing(q);
            // The escape character is named: without it the pattern's backslashes did not escape (ProjectResourceTest).
            return Page.of(admin ? Project.<Project>find("lower(name) like ?1 escape '\\'" + request.orderBy(), named)
                    : Project.<Project>find("id in ?1 and lower(name) like ?2 escape '\\'" + request.orderBy(),
                            List.copyOf(roles.keySet()), named), request,
                    p -> ProjectView.of(p, roles.get(p.id)));
        });
    }

    @WithTransaction
    public Uni<ProjectView> update(UUID projectId, ProjectDtos.Update request, ProjectRole callerRole) {
        return existing(projectId).call(p -> requireFreeName(request.name(), projectId)).flatMap(p -> {
            p.name = request.name();
            p.description = request.description();
            p.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return outbox.append(new ProjectUpdated(p.id, p.name, p.slug, p.description))
                    .invoke(() -> LOG.infof("project %s renamed/described: %s", p.id, p.name))
                    .replaceWith(ProjectView.of(p, callerRole));
        });
    }

    @WithTransaction
    public Uni<Void> delete(UUID projectId) {
        return existing(projectId)
                .call(p -> ProjectMember.delete("key.projectId", projectId))
                .call(Project::delete)
                .call(p -> outbox.append(new ProjectDeleted(projectId)))
                .invoke(p -> LOG.infof("project %s deleted", projectId))
                .replaceWithVoid();
    }

    @WithTransaction
    public Uni<TrainingParameters> changeTrainingDefaults(UUID projectId, TrainingParameters defaults) {
        return existing(projectId).flatMap(p -> {
            p.apply(defaults);
            p.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return publishTrainingDefaults(p).replaceWith(p.trainingDefaults());
        });
    }

    @WithTransaction
    public Uni<ActiveLearningSettings> changeActiveLearning(UUID projectId, ActiveLearningSettings settings) {
        return existing(projectId).flatMap(p -> {
            p.apply(settings);
            p.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return publishActiveLearning(p)
                    .invoke(() -> LOG.infof("project %s: active learning %s", projectId, settings))
                    .replaceWith(p.activeLearning());
        });
    }

    private Uni<Void> publishSettings(Project p) {
        return publishTrainingDefaults(p).chain(() -> publishActiveLearning(p));
    }

    private Uni<Void> publishTrainingDefaults(Project p) {
        return outbox.append(new TrainingDefaultsChanged(p.id, p.trainingDefaults())).replaceWithVoid();
    }

    private Uni<Void> publishActiveLearning(Project p) {
        ActiveLearningSettings a = p.activeLearning();
        return outbox.append(new ActiveLearningConfigured(p.id, a.enabled(), a.everyNCompletions(),
                a.deployAfterTraining())).replaceWithVoid();
    }

    private static Uni<Project> persistNew(ProjectDtos.Create request, String owner, String slug) {
        Project project = new Project();
        project.id = UUID.randomUUID();
        project.name = request.name();
        project.slug = slug;
        project.description = request.description();
        project.createdBy = owner;
        project.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        project.updatedAt = project.createdAt;
        project.apply(TrainingParameters.DEFAULTS);
        project.apply(ActiveLearningSettings.INITIAL);
        return project.persist();
    }

    static ProblemException nameTaken(String name) {
        return ProblemException.conflict("PROJECT_NAME_TAKEN", "a project named \"" + name + "\" already exists");
    }

    private static Uni<Void> requireFreeName(String name, UUID except) {
        return Project.<Project>find("lower(name) = lower(?1)", name).firstResult().invoke(found -> {
            if (found != null && !found.id.equals(except)) {
                throw nameTaken(name);
            }
        }).replaceWithVoid();
    }

    private static Uni<String> uniqueSlug(String name) {
        String base = Slugs.base(name);
        return Project.<Project>find("slug = ?1 or slug like ?2", base, base + "\\_%").list()
                .map(found -> Slugs.unique(base, found.stream().map(p -> p.slug).collect(Collectors.toCollection(HashSet::new))));
    }

    private static Uni<Project> existing(UUID projectId) {
        return Project.<Project>findById(projectId).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("project " + projectId));
    }
}
