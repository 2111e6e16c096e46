package org.annotationlab.annotation.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.annotationlab.web.problem.ProblemException;

/**
 * Which tasks a listing shows, or a bulk change applies to: by tag, by what happened to their
 * completions, by assigned annotator or reviewer, by whether a model predicted them. Builds one
 * HQL condition over {@code Task t}. The list's query parameters and a bulk request's
 * {@code filter} object have these names and values.
 *
 * @param completion  {@code none}, {@code any}, {@code draft}, {@code submitted}, {@code awaiting-review}
 *                    (a submitted completion not yet reviewed: the reviewer's queue, {@link TaskState#SUBMITTED}),
 *                    {@code accepted} or {@code rejected}; it looks at every completion of a task
 * @param predictions {@code any} or {@code none}: with or without a stored prediction
 * @param minScore    the newest prediction's score at least this (0..1): Annotation Lab's confidence filter
 * @param maxScore    the newest prediction's score at most this (0..1)
 */
public record TaskFilter(String tag, String completion, String assignee, String reviewer, String predictions,
        Double minScore, Double maxScore) {

    /** The filters without the score range. */
    public TaskFilter(String tag, String completion, String assignee, String reviewer, String predictions) {
        this(tag, completion, assignee, reviewer, predictions, null, null);
    }

    /*
     * The project is repeated on the completion and the prediction, so PostgreSQL reads only the
     * project's entries of the by-project indexes (migration V3) rather than every project's rows.
     */
    private static final String COMPLETION = " exists (select 1 from Completion c where c.taskId = t.id"
            + " and c.projectId = t.projectId";
    private static final String PREDICTION = " exists (select 1 from Prediction p where p.taskId = t.id"
            + " and p.projectId = t.projectId)";

    /**
     * An HQL condition over {@code Task t} and its positional parameters ({@code ?1} …).
     *
     * @param condition what follows {@code where}
     */
    public record Query(String condition, Object[] parameters) {

        /** The query as {@code from Task t where …}, for a listing or a count. */
        public String from() {
            return "from Task t where " + condition;
        }

        /** The same condition with one more parameter, whose position is {@link #parameters()}{@code .length}. */
        public Query with(Object parameter) {
            Object[] more = Arrays.copyOf(parameters, parameters.length + 1);
            more[parameters.length] = parameter;
            return new Query(condition, more);
        }

        /** This condition and {@code expression ?n}, {@code n} being the new parameter's position. */
        public Query and(String expression, Object parameter) {
            Query more = with(parameter);
            return new Query(condition + " and " + expression + " ?" + more.parameters.length, more.parameters);
        }
    }

    /** The project's tasks that no completion has been submitted for: what is left to annotate. */
    static Query unannotated(UUID projectId) {
        return new Query("t.projectId = ?1 and not" + COMPLETION + " and c.submitted = true)", new Object[] {projectId});
    }

    TaskFilter assignedTo(String user) {
        return new TaskFilter(tag, completion, user, reviewer, predictions, minScore, maxScore);
    }

    /** The tasks with these ids (all of the project; checked before). */
    static Query ids(UUID projectId, List<UUID> taskIds) {
        return new Query("t.projectId = ?1 and t.id in ?2", new Object[] {projectId, taskIds});
    }

    /** The query parameters' condition; a bad value is a 422 naming its parameter. */
    Query toQuery(UUID projectId) {
        return toQuery(projectId, "");
    }

    /**
     * The condition; a bad value is a 422 naming {@code fieldPrefix} + its name (a request body's
     * {@code filter.} for a bulk change).
     */
    Query toQuery(UUID projectId, String fieldPrefix) {
        List<Object> params = new ArrayList<>();
        params.add(projectId);
        StringBuilder where = new StringBuilder("t.projectId = ?1");
        if (given(tag)) {
            params.add(tag);
            where.append(" and exists (select 1 from TaskTag tt where tt.key.taskId = t.id and tt.key.tag = ?")
                    .append(params.size()).append(')');
        }
        if (given(assignee)) {
            params.add(assignee);
            where.append(" and t.assignee = ?").append(params.size());
        }
        if (given(reviewer)) {
            params.add(reviewer);
            where.append(" and t.reviewer = ?").append(params.size());
        }
        if (given(completion)) {
            where.append(" and").append(switch (completion) {
                case "none" -> " not" + COMPLETION + ")";
                case "any" -> COMPLETION + ")";
                case "draft" -> COMPLETION + " and c.submitted = false)";
                case "submitted" -> COMPLETION + " and c.submitted = true)";
                case "awaiting-review" -> COMPLETION + " and c.submitted = true and c.reviewStatus = 'PENDING')";
                case "accepted" -> COMPLETION + " and c.reviewStatus = 'ACCEPTED')";
                case "rejected" -> COMPLETION + " and c.reviewStatus = 'REJECTED')";
                default -> throw ProblemException.invalid(fieldPrefix + "completion",
                        "must be one of none, any, draft, submitted, awaiting-review, accepted, rejected");
            });
        }
        if (given(predictions)) {
            where.append(" and").append(switch (predictions) {
                case "any" -> PREDICTION;
                case "none" -> " not" + PREDICTION;
                default -> throw ProblemException.invalid(fieldPrefix + "predictions", "must be any or none");
            });
        }
        score(minScore, ">=", fieldPrefix + "minScore", params, where);
        score(maxScore, "<=", fieldPrefix + "maxScore", params, where);
        return new Query(where.toString(), params.toArray());
    }

    private static void score(Double bound, String comparison, String field, List<Object> params, StringBuilder where) {
        if (bound == null) {
            return;
        }
        if (!(bound >= 0 && bound <= 1)) {
            throw ProblemException.invalid(field, "must be a number from 0 to 1");
        }
        params.add(bound);
        where.append(" and t.predictionScore ").append(comparison).append(" ?").append(params.size());
    }

    private static boolean given(String value) {
        return value != null && !value.isBlank();
    }
}
