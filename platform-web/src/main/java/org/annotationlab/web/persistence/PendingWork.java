package org.annotationlab.web.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.annotationlab.web.Blocking;

/**
 * Whether a scheduler's tick has anything to do, asked on the reactive pool before the tick opens a
 * Hibernate session. An idle service's schedulers then never start Hibernate's query machinery: the
 * first HQL query loads its parser (about 1,100 classes) and the first session some 300 more — 11–15 MB
 * resident per service, which polling every second made every idle service carry
 * (docs/operations.md, Sizing). The check is one indexed read, cheaper than the session, queries
 * and transactions it spares on an idle tick.
 */
@ApplicationScoped
public class PendingWork {

    private final Pool pool;

    PendingWork(Pool pool) {
        this.pool = pool;
    }

    /**
     * @param rows a native {@code select 1 from … where …} of the service's own tables, a constant
     *     (never input)
     * @return whether it returns any row
     */
    public Uni<Boolean> exists(String rows) {
        return pool.query("select exists (" + rows + ")").execute().map(result -> result.iterator().next().getBoolean(0));
    }

    /** {@link #exists} from blocking code (a scheduler's thread). */
    public boolean any(String rows) {
        return Blocking.await(() -> exists(rows));
    }
}
