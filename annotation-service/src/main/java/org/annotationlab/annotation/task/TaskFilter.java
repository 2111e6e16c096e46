package org.annotationlab.annotation.task;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Which tasks a listing shows: by tag, by what happened to their completions, by assigned
 * annotator or reviewer. Builds one HQL condition over {@code Task}.
 *
 * @param completion {@code none}, {@code any}, {@code draft}, {@code submitted}, {@code accepted} or {@code rejected}
 */
public record TaskFilter(String tag, String completion, String assignee, String reviewer) {

    /** An HQL query ({@code from Task t where …}) and its positional parameters. */
    public record Query(String where, Object[] parameters) {
    }

    TaskFilter assignedTo(String user) {
        return new TaskFilter(tag, completion, user, reviewer);
    }

    Query toQuery(UUID projectId) {
        List<Object> params = new ArrayList<>();
        params.add(projectId);
        StringBuilder where = new StringBuilder("from Task t where t.projectId = ?1");
        if (tag != null && !tag.isBlank()) {
            params.add(tag);
            where.append(" and exists (select 1 from TaskTag tt where tt.key.taskId = t.id and tt.key.tag = ?")
                    .append(params.size()).append(')');
        }
        if (assignee != null && !assignee.isBlank()) {
            params.add(assignee);
            where.append(" and t.assignee = ?").append(params.size());
        }
        if (reviewer != null && !reviewer.isBlank()) {
            params.add(reviewer);
            where.append(" and t.reviewer = ?").append(params.size());
        }
        if (completion != null && !completion.isBlank()) {
            where.append(switch (completion) {
                case "none" -> " and not exists (select 1 from Completion c where c.taskId = t.id)";
                case "any" -> " and exists (select 1 from Completion c where c.taskId = t.id)";
                case "draft" -> " and exists (select 1 from Completion c where c.taskId = t.id and c.submitted = false)";
                case "submitted" -> " and exists (select 1 from Completion c where c.taskId = t.id and c.submitted = true)";
                case "accepted" -> " and exists (select 1 from Completion c where c.taskId = t.id and c.reviewStatus = 'ACCEPTED')";
                case "rejected" -> " and exists (select 1 from Completion c where c.taskId = t.id and c.reviewStatus = 'REJECTED')";
                default -> throw org.annotationlab.web.problem.ProblemException.invalid("completion",
                        "must be one of none, any, draft, submitted, accepted, rejected");
            });
        }
        return new Query(where.toString(), params.toArray());
    }
}
