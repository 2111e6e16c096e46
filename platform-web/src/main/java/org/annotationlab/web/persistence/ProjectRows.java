package org.annotationlab.web.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.UUID;

/**
 * A service's per-project row (keyed by {@code project_id}), created when no event has named the
 * project yet and locked for the rest of the caller's transaction: the one place decisions about a
 * project (start a run, a deployment, a pre-annotation) serialize. The lock is native SQL:
 * Hibernate's lock of an entity already in the session names the id by its attribute, not its
 * column. Load the entity after this, not before (a copy loaded earlier is not refreshed).
 */
public final class ProjectRows {

    private ProjectRows() {
    }

    /** {@code table} is a constant of the calling service, never input. */
    public static Uni<Void> lock(String table, UUID projectId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "insert into " + table + " (project_id) values (:id) on conflict do nothing")
                .setParameter("id", projectId).executeUpdate()
                .chain(() -> session.createNativeQuery("select 1 from " + table + " where project_id = :id for update")
                        .setParameter("id", projectId).getSingleResult()))
                .replaceWithVoid();
    }
}
