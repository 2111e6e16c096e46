package org.annotationlab.annotation.trainingset;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.annotationlab.events.annotation.TrainingSetChanged;
import org.annotationlab.events.outbox.JdbcOutbox;
import org.annotationlab.events.outbox.Outbox;

/**
 * Publishes {@code TrainingSetChanged} whenever the size of a project's selected training set
 * changes — the number active learning counts. A task contributes exactly when it has a
 * submitted, non-rejected completion (an accepted one is both), so the size is one count; it is
 * stored per project and compared in the same statement, inside the caller's transaction.
 */
@ApplicationScoped
public class TrainingSetTracker {

    /** Updates the stored size; returns a row only when it changed (or is new). */
    private static final String REFRESH = """
            insert into training_set_size (project_id, selected_count)
            select :project, count(distinct task_id) from completion
             where project_id = :project and submitted and review_status <> 'REJECTED'
            on conflict (project_id) do update set selected_count = excluded.selected_count
             where training_set_size.selected_count <> excluded.selected_count
            returning selected_count""";

    private final Outbox outbox;

    TrainingSetTracker(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Recounts inside the current reactive transaction; publishes if the size changed. */
    public Uni<Void> refresh(UUID projectId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(REFRESH, Integer.class)
                        .setParameter("project", projectId)
                        .getResultList())
                .flatMap(changed -> publish(projectId, changed));
    }

    private Uni<Void> publish(UUID projectId, List<Integer> changed) {
        return changed.isEmpty() ? Uni.createFrom().voidItem()
                : outbox.append(new TrainingSetChanged(projectId, changed.get(0))).replaceWithVoid();
    }

    /** The same, on a JDBC connection inside its transaction (bulk imports). */
    public static void refresh(Connection connection, JdbcOutbox outbox, UUID projectId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(REFRESH.replace(":project", "?"))) {
            statement.setObject(1, projectId);
            statement.setObject(2, projectId);
            try (ResultSet changed = statement.executeQuery()) {
                if (changed.next()) {
                    outbox.append(connection, new TrainingSetChanged(projectId, changed.getInt(1)));
                }
            }
        }
    }

    public static Uni<Void> forget(UUID projectId) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("delete from training_set_size where project_id = :project")
                .setParameter("project", projectId).executeUpdate()).replaceWithVoid();
    }
}
