package org.annotationlab.annotation.task.importing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.annotationlab.annotation.span.SpanCodec;

/** Batched JDBC inserts of imported tasks, their tags and their gold completions. */
final class ImportBatch implements AutoCloseable {

    private final PreparedStatement tasks;
    private final PreparedStatement tags;
    private final PreparedStatement completions;
    private final PreparedStatement history;
    private final UUID projectId;
    private final String user;
    private final List<String> tagNames;
    private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    private int size;

    ImportBatch(Connection connection, UUID projectId, String user, List<String> tagNames) throws SQLException {
        this.projectId = projectId;
        this.user = user;
        this.tagNames = tagNames;
        this.tasks = connection.prepareStatement(
                "insert into task (id, project_id, text, meta, created_at) values (?, ?, ?, ?, ?)");
        this.tags = connection.prepareStatement("insert into task_tag (task_id, tag) values (?, ?)");
        this.completions = connection.prepareStatement("insert into completion (id, task_id, project_id, author, spans,"
                + " submitted, submitted_at, review_status, created_at, updated_at, version)"
                + " values (?, ?, ?, ?, ?, true, ?, 'PENDING', ?, ?, 0)");
        this.history = connection.prepareStatement(
                "insert into completion_history (completion_id, action, actor, at, detail) values (?, 'IMPORTED', ?, ?, ?)");
    }

    static Set<String> labelsOf(Connection connection, UUID projectId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select labels from project_labels where project_id = ?")) {
            query.setObject(1, projectId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() && !row.getString(1).isEmpty()
                        ? new LinkedHashSet<>(Arrays.asList(row.getString(1).split(","))) : Set.of();
            }
        }
    }

    void add(ImportRow row) throws SQLException {
        UUID taskId = UUID.randomUUID();
        tasks.setObject(1, taskId);
        tasks.setObject(2, projectId);
        tasks.setString(3, row.text());
        tasks.setString(4, row.meta());
        tasks.setObject(5, now);
        tasks.addBatch();
        for (String tag : tagNames) {
            tags.setObject(1, taskId);
            tags.setString(2, tag);
            tags.addBatch();
        }
        if (row.spans() != null) {
            UUID completionId = UUID.randomUUID();
            completions.setObject(1, completionId);
            completions.setObject(2, taskId);
            completions.setObject(3, projectId);
            completions.setString(4, user);
            completions.setString(5, SpanCodec.write(row.spans()));
            completions.setObject(6, now);
            completions.setObject(7, now);
            completions.setObject(8, now);
            completions.addBatch();
            history.setObject(1, completionId);
            history.setString(2, user);
            history.setObject(3, now);
            history.setString(4, "line " + row.line());
            history.addBatch();
        }
        size++;
    }

    int size() {
        return size;
    }

    void flush() throws SQLException {
        if (size == 0) {
            return;
        }
        tasks.executeBatch();
        tags.executeBatch();
        completions.executeBatch();
        history.executeBatch();
        size = 0;
    }

    @Override
    public void close() throws SQLException {
        tasks.close();
        tags.close();
        completions.close();
        history.close();
    }
}
