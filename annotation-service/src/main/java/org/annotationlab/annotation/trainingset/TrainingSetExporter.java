package org.annotationlab.annotation.trainingset;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.annotationlab.annotation.span.SpanCodec;
import org.annotationlab.annotation.config.AnnotationConfig;
import org.annotationlab.annotation.config.BlockingAccess;
import org.annotationlab.web.problem.ProblemException;
import org.annotationlab.web.security.ProjectPermission;

/**
 * Streams a project's selected training set, or its test set (DESIGN.md §4), from a server-side
 * cursor, one task at a time, so memory stays constant in the number of tasks. The candidates
 * (submitted, not rejected) arrive grouped by task; {@link SelectionRules} picks one per task and
 * {@link ConllWriter} renders it. An {@link Export} reads the project's test tag and the set twice
 * inside one repeatable-read snapshot: first to count (the response headers report the spans
 * adjusted), then to write — all see the same data, so a test task is never in a training set,
 * whatever the tag changes to meanwhile.
 */
@ApplicationScoped
public class TrainingSetExporter {

    private static final String CANDIDATES = """
            select c.task_id, t.text, c.id, c.submitted, c.review_status, c.submitted_at, c.spans
              from completion c join task t on t.id = c.task_id
             where c.project_id = ? and %s and %s
             order by t.seq, c.task_id""";
    /** Parameters: the project, the tags twice. */
    private static final String TRAINING_CANDIDATES = CANDIDATES.formatted(SelectionRules.usable("c"), """
            (cardinality(?::varchar[]) = 0
                    or exists (select 1 from task_tag tt where tt.task_id = c.task_id and tt.tag = any(?::varchar[])))
               and not\s""" + TestSet.containsSql("c.task_id", "c.project_id"));
    /** Parameter: the project. */
    private static final String TEST_CANDIDATES = CANDIDATES.formatted(SelectionRules.usable("c"),
            TestSet.containsSql("c.task_id", "c.project_id"));
    private static final String TEST_TAG = "select " + TestSet.tagSql("?");

    private final AgroalDataSource dataSource;
    private final AnnotationConfig config;
    private final BlockingAccess access;

    TrainingSetExporter(AgroalDataSource dataSource, AnnotationConfig config, BlockingAccess access) {
        this.dataSource = dataSource;
        this.config = config;
        this.access = access;
    }

    /** The output formats. */
    public enum Format { CONLL, JSON }

    /**
     * Opens the training set of the tasks with any of {@code tags} (all tasks if none), test tasks
     * excepted; 422 naming {@code tags} if they include the test tag.
     */
    public Export openTrainingSet(UUID projectId, List<String> tags) {
        Export export = open(projectId, tags);
        if (tags.contains(export.testTag)) {
            export.close();
            throw ProblemException.invalid("tags", "\"" + export.testTag + "\" is this project's test tag: "
                    + "test tasks are never in a training set");
        }
        return export;
    }

    /** Opens the test set: the tasks with the project's test tag. */
    public Export openTestSet(UUID projectId) {
        return open(projectId, null);
    }

    /** A read-only snapshot, after checking the caller may read the project's training data; {@code tags} null: the test set. */
    private Export open(UUID projectId, List<String> tags) {
        try {
            Connection connection = dataSource.getConnection();
            try {
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                connection.setReadOnly(true);
                access.require(connection, projectId, ProjectPermission.READ_TRAINING);
                return new Export(connection, projectId, tags, testTag(connection, projectId));
            } catch (RuntimeException | SQLException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the training set: " + e.getMessage(), e);
        }
    }

    private static String testTag(Connection connection, UUID projectId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(TEST_TAG)) {
            query.setObject(1, projectId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    /** One export: summarize, then write; always close. */
    public final class Export implements AutoCloseable {
        private final Connection connection;
        private final UUID projectId;
        /** Null for the test set. */
        private final List<String> tags;
        private final String testTag;

        private Export(Connection connection, UUID projectId, List<String> tags, String testTag) {
            this.connection = connection;
            this.projectId = projectId;
            this.tags = tags;
            this.testTag = testTag;
        }

        /** The project's test tag in this export's snapshot. */
        public String testTag() {
            return testTag;
        }

        public TrainingSetSummary summary() {
            TrainingSetSummary.Builder summary = new TrainingSetSummary.Builder();
            scan((taskId, completionId, text, spans) -> summary.add(ConllWriter.tag(text, spans)));
            return summary.build();
        }

        public void write(Format format, OutputStream out) {
            try {
                if (format == Format.CONLL) {
                    out.write(ConllWriter.DOCSTART.getBytes(StandardCharsets.UTF_8));
                }
                scan((taskId, completionId, text, spans) -> {
                    String chunk = format == Format.CONLL ? ConllWriter.write(text, spans).conll()
                            : JsonLines.line(taskId, completionId, text, spans);
                    try {
                        out.write(chunk.getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void scan(SelectedTask sink) {
            try (PreparedStatement query = connection.prepareStatement(tags == null ? TEST_CANDIDATES : TRAINING_CANDIDATES)) {
                query.setObject(1, projectId);
                if (tags != null) {
                    Array tagArray = connection.createArrayOf("varchar", tags.toArray());
                    query.setArray(2, tagArray);
                    query.setArray(3, tagArray);
                }
                query.setFetchSize(config.exportFetchSize());
                try (ResultSet rows = query.executeQuery()) {
                    new TaskGrouper(sink).consume(rows);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("reading the training set failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                connection.rollback();
                connection.close();
            } catch (SQLException e) {
                // the pool discards a broken connection
            }
        }
    }

    /** Receives the selected completion of each task. */
    @FunctionalInterface
    interface SelectedTask {
        void accept(UUID taskId, UUID completionId, String text, List<org.annotationlab.annotation.span.Span> spans);
    }

    /** Groups consecutive candidate rows by task and applies the selection rules to each group. */
    private static final class TaskGrouper {
        private final SelectedTask sink;
        private final List<SelectionRules.Candidate> candidates = new ArrayList<>();
        private final List<String> spans = new ArrayList<>();
        private UUID task;
        private String text;

        TaskGrouper(SelectedTask sink) {
            this.sink = sink;
        }

        void consume(ResultSet rows) throws SQLException {
            while (rows.next()) {
                UUID taskId = rows.getObject(1, UUID.class);
                if (!taskId.equals(task)) {
                    flush();
                    task = taskId;
                    text = rows.getString(2);
                }
                candidates.add(new SelectionRules.Candidate(rows.getObject(3, UUID.class), rows.getBoolean(4),
                        rows.getString(5), rows.getObject(6, OffsetDateTime.class)));
                spans.add(rows.getString(7));
            }
            flush();
        }

        private void flush() {
            if (task == null) {
                return;
            }
            Optional<SelectionRules.Candidate> chosen = SelectionRules.select(candidates);
            if (chosen.isPresent()) {
                int index = candidates.indexOf(chosen.get());
                sink.accept(task, chosen.get().id(), text, SpanCodec.read(spans.get(index)));
            }
            candidates.clear();
            spans.clear();
            task = null;
        }
    }
}
