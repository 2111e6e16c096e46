package org.annotationlab.annotation.task.importing;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.annotationlab.annotation.config.AnnotationConfig;
import org.annotationlab.annotation.config.BlockingAccess;
import org.annotationlab.annotation.task.TaskDtos;
import org.annotationlab.annotation.trainingset.TrainingSetTracker;
import org.annotationlab.events.annotation.TasksImported;
import org.annotationlab.events.outbox.JdbcOutbox;
import org.annotationlab.web.idempotency.Idempotent;
import org.annotationlab.web.problem.Problem;
import org.annotationlab.web.problem.ProblemException;
import org.annotationlab.web.membership.ProjectOwner;
import org.annotationlab.web.security.ProjectAuthorizer;
import org.annotationlab.web.security.ProjectPermission;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Imports tasks by streaming the body through a {@link TaskReader} into JDBC batches, in one
 * transaction: all or nothing. A bad row fails the import with its line number unless the caller
 * asked to skip bad rows, which are then reported. CoNLL sentences bring their tags as submitted
 * gold completions, so the training set is recounted in the same transaction.
 */
@ApplicationScoped
public class TaskImporter {

    private static final Logger LOG = Logger.getLogger(TaskImporter.class);
    /**
     * Imports of at least this many tasks are followed by ANALYZE of the tables they filled: the
     * planner must know a bulk load at once, not when autovacuum next looks (a minute later at
     * best, never where it is off). Without it, listing a freshly imported tag planned a nested
     * loop over task × task_tag (85 ms instead of 5 for a page of 940 tagged tasks).
     */
    static final int ANALYZE_AFTER = 100;

    private final AgroalDataSource dataSource;
    private final AnnotationConfig config;
    private final ProjectAuthorizer authorizer;
    private final BlockingAccess access;
    private final ProjectOwner owner;
    private final JdbcOutbox outbox;

    TaskImporter(AgroalDataSource dataSource, AnnotationConfig config, ProjectAuthorizer authorizer,
            BlockingAccess access, ProjectOwner owner, @ConfigProperty(name = "quarkus.application.name") String source) {
        this.dataSource = dataSource;
        this.config = config;
        this.authorizer = authorizer;
        this.access = access;
        this.owner = owner;
        this.outbox = new JdbcOutbox(source);
    }

    /** One import request. */
    public record Request(UUID projectId, String format, boolean skipBadRows, List<String> tags, InputStream body) {
    }

    /** Imports, and stores the request's answer in the same transaction when it sent an idempotency key. */
    public TaskDtos.ImportResult importTasks(Request request, Idempotent<TaskDtos.ImportResult> answer) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                access.require(connection, request.projectId(), ProjectPermission.MANAGE_TASKS);
                TaskDtos.ImportResult result = write(connection, request);
                answer.record(connection, result);
                connection.commit();
                if (result.imported() >= ANALYZE_AFTER) {
                    analyze(connection, result.withCompletions() > 0);
                }
                LOG.infof("project %s: %d tasks imported (%s, %d with completions, %d bad rows skipped)",
                        request.projectId(), result.imported(), request.format(), result.withCompletions(),
                        result.skippedRows());
                return result;
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the import could not be written: " + e.getMessage(), e);
        }
    }

    /**
     * Refreshes the planner's statistics of the tables the import filled. SKIP_LOCKED: a table
     * another ANALYZE or a VACUUM holds is left to it rather than waited for, as the import is
     * committed and its caller waits. The import stands if this fails.
     */
    private static void analyze(Connection connection, boolean completions) {
        try (Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("analyze (skip_locked) task, task_tag" + (completions ? ", completion, completion_history" : ""));
        } catch (SQLException e) {
            LOG.warnf("ANALYZE after an import failed (the import is committed): %s", e.getMessage());
        }
    }

    private TaskDtos.ImportResult write(Connection connection, Request request) throws SQLException {
        // The labels as saved now (an import right after a config change is checked against it);
        // the event-fed view's only when project-service cannot be asked.
        Set<String> saved = owner.labels(request.projectId());
        Set<String> labels = saved != null ? saved : ImportBatch.labelsOf(connection, request.projectId());
        String user = authorizer.username();
        List<TaskDtos.BadRow> skipped = new ArrayList<>();
        int skippedRows = 0;
        int imported = 0;
        int withCompletions = 0;
        try (TaskReader reader = TaskReader.open(request.format(), request.body(), config.maxTextLength());
                ImportBatch batch = new ImportBatch(connection, request.projectId(), user, request.tags())) {
            while (reader.hasNext()) {
                ImportRow row = reader.next();
                String problem = row.isBad() ? row.error() : unknownLabel(row, labels);
                if (problem != null) {
                    if (!request.skipBadRows() || row.endsImport()) {
                        throw badRow(row.line(), problem);
                    }
                    skippedRows++;
                    if (skipped.size() < config.maxReportedBadRows()) {
                        skipped.add(new TaskDtos.BadRow(row.line(), problem));
                    }
                    continue;
                }
                batch.add(row);
                imported++;
                withCompletions += row.spans() != null ? 1 : 0;
                if (batch.size() >= config.importBatchSize()) {
                    batch.flush();
                }
            }
            batch.flush();
        } catch (IOException | UncheckedIOException e) {
            throw new ProblemException(400, "UNREADABLE_BODY", "the import body could not be read: " + e.getMessage());
        }
        if (imported == 0 && skippedRows == 0) {
            throw ProblemException.invalid("body", "the import holds no tasks");
        }
        outbox.append(connection, new TasksImported(request.projectId(), imported, withCompletions, request.format(), user));
        if (withCompletions > 0) {
            TrainingSetTracker.requestRecount(connection, request.projectId());
        }
        return new TaskDtos.ImportResult(imported, withCompletions, skippedRows, skipped);
    }

    private static String unknownLabel(ImportRow row, Set<String> labels) {
        if (row.spans() == null) {
            return null;
        }
        Set<String> unknown = new HashSet<>();
        row.spans().forEach(s -> {
            if (!labels.contains(s.label())) {
                unknown.add(s.label());
            }
        });
        return unknown.isEmpty() ? null
                : "label(s) " + unknown + " are not in the project's labeling config " + labels;
    }

    private static ProblemException badRow(long line, String message) {
        return new ProblemException(422, "INVALID_IMPORT", "line " + line + ": " + message + "; nothing was imported",
                List.of(new Problem.FieldError("line " + line, message)));
    }
}
