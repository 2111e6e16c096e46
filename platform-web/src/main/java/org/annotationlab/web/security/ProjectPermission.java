package org.annotationlab.web.security;

import java.util.EnumSet;
import java.util.Set;
import org.annotationlab.events.project.ProjectRole;

/**
 * What a member may do in a project, with the roles allowed to do it: the table of DESIGN.md §2,
 * written once. Finer rules (an Annotator only on assigned tasks, a Reviewer only on tasks
 * assigned for review) are checked by the service that owns the task.
 */
public enum ProjectPermission {
    /** See the project and its labeling config. */
    READ_PROJECT(ProjectRole.values()),
    /** Edit the project, its labeling config, training defaults. */
    EDIT_PROJECT(ProjectRole.OWNER, ProjectRole.MANAGER),
    /** Add, change and remove members. */
    MANAGE_MEMBERS(ProjectRole.OWNER),
    /** Delete the project. */
    DELETE_PROJECT(ProjectRole.OWNER),
    /** Import tasks, set tags, assign reviewers. */
    MANAGE_TASKS(ProjectRole.OWNER, ProjectRole.MANAGER),
    /** Create and submit one's own completions. */
    ANNOTATE(ProjectRole.values()),
    /** Accept or reject completions. */
    REVIEW(ProjectRole.OWNER, ProjectRole.MANAGER, ProjectRole.REVIEWER),
    /** Train Now, training parameters, the active-learning switch. */
    TRAIN(ProjectRole.OWNER, ProjectRole.MANAGER),
    /** Deploy models and run pre-annotation. */
    DEPLOY(ProjectRole.OWNER, ProjectRole.MANAGER),
    /** Read training logs, metrics and deployments. */
    READ_TRAINING(ProjectRole.OWNER, ProjectRole.MANAGER, ProjectRole.REVIEWER);

    private final Set<ProjectRole> allowed;

    ProjectPermission(ProjectRole... allowed) {
        this.allowed = EnumSet.copyOf(Set.of(allowed));
    }

    public boolean allows(ProjectRole role) {
        return role != null && allowed.contains(role);
    }
}
