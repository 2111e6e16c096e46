package org.annotationlab.annotation.trainingset;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.annotationlab.events.annotation.TrainingSetChanged;
import org.annotationlab.events.outbox.Outbox;
import org.annotationlab.web.persistence.PendingWork;
import org.jboss.logging.Logger;

/**
 * Publishes {@code TrainingSetChanged} whenever the size of a project's selected training set
 * changes — the number active learning counts. A task contributes exactly when it has a
 * submitted, non-rejected completion (an accepted one is both) and is not a test task, so the
 * size is one count.
 *
 * <p>A change only records a recount request (a plain insert, in its own transaction: concurrent
 * submits never wait on each other). The sweep, every second, takes each requested project's
 * size row {@code FOR UPDATE}, consumes the requests, counts in a fresh snapshot and publishes if
 * the size moved. Requests committed after the count stay for the next sweep, so the last change
 * is always published; several instances sweeping the same project serialize on the row lock.
 */
@ApplicationScoped
public class TrainingSetTracker {

    private static final Logger LOG = Logger.getLogger(TrainingSetTracker.class);
    /** A recount request for {@code :project}. */
    private static final String REQUEST = requests("values (:project)");
    private static final String PENDING = "select distinct project_id from training_set_recount limit 200";
    private static final String ENSURE_ROW = "insert into training_set_size (project_id, selected_count)"
            + " values (:project, -1) on conflict do nothing";
    private static final String LOCK_ROW = "select selected_count from training_set_size where project_id = :project for update";
    private static final String CONSUME = "delete from training_set_recount where project_id = :project";
    private static final String COUNT = "select cast(count(distinct task_id) as integer) from completion"
            + " where project_id = :project and " + SelectionRules.usable("")
            + " and not " + TestSet.containsSql("completion.task_id", ":project");
    private static final String STORE = "update training_set_size set selected_count = :count where project_id = :project";

    private final Outbox outbox;
    private final PendingWork pending;

    TrainingSetTracker(Outbox outbox, PendingWork pending) {
        this.pending = pending;
        this.outbox = outbox;
    }

    /**
     * Recount requests for the projects a query ({@code values} or {@code select}) yields, for a
     * write's own statement.
     */
    public static String requests(String projects) {
        return "insert into training_set_recount (project_id) " + projects;
    }

    /** Asks for a recount, inside the current reactive transaction. */
    public Uni<Void> requestRecount(UUID projectId) {
        return execute(REQUEST, projectId).replaceWithVoid();
    }

    /** The same, on a JDBC connection inside its transaction (bulk imports). */
    public static void requestRecount(Connection connection, UUID projectId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(REQUEST.replace(":project", "?"))) {
            statement.setObject(1, projectId);
            statement.executeUpdate();
        }
    }

    @Scheduled(every = "${lab.annotation.training-set-sweep:1s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "training-set-sweep")
    Uni<Void> sweep() {
        return pending.exists("select 1 from training_set_recount")
                .flatMap(any -> !any ? Uni.createFrom().item(List.<UUID>of())
                        : Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(PENDING, UUID.class)
                                .getResultList())))
                .onItem().transformToMulti(projects -> Multi.createFrom().iterable(projects))
                .onItem().transformToUniAndConcatenate(project -> Panache.withTransaction(() -> recount(project)))
                .collect().last()
                .onFailure().invoke(e -> LOG.warnf("training-set recount failed, it is retried: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Void> recount(UUID projectId) {
        return execute(ENSURE_ROW, projectId)
                .chain(() -> single(LOCK_ROW, projectId))
                .flatMap(previous -> execute(CONSUME, projectId)
                        .chain(() -> single(COUNT, projectId))
                        .flatMap(count -> count.equals(previous) ? Uni.createFrom().voidItem()
                                : Panache.getSession().flatMap(s -> s.createNativeQuery(STORE)
                                                .setParameter("count", count).setParameter("project", projectId)
                                                .executeUpdate())
                                        .chain(() -> outbox.append(new TrainingSetChanged(projectId, count)))
                                        .invoke(() -> LOG.infof("project %s: selected training set is now %d",
                                                projectId, count))
                                        .replaceWithVoid()));
    }

    private static Uni<Integer> execute(String sql, UUID projectId) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(sql).setParameter("project", projectId)
                .executeUpdate());
    }

    private static Uni<Integer> single(String sql, UUID projectId) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(sql, Integer.class)
                .setParameter("project", projectId).getSingleResult());
    }

    /** Drops a deleted project's size, pending requests and test-set setting. */
    public static Uni<Void> forget(UUID projectId) {
        return execute("delete from training_set_size where project_id = :project", projectId)
                .chain(() -> execute("delete from test_set_setting where project_id = :project", projectId))
                .chain(() -> execute(CONSUME, projectId))
                .replaceWithVoid();
    }
}
