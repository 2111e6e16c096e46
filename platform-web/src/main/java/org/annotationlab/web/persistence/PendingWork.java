package org.annotationlab.web.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import org.annotationlab.web.Blocking;

/**
 * Whether a scheduler's tick has anything to do, asked in SQL before the tick's own (HQL) queries.
 * Hibernate loads its query parser at the first HQL query — about 1,100 classes, some 14 MB resident
 * per service — so schedulers that polled in HQL every second made every idle service carry it;
 * asked this way, an idle service never parses HQL (docs/operations.md, Sizing). The check is one
 * indexed read, cheaper than the queries and transactions it spares on an idle tick.
 */
public final class PendingWork {

    private PendingWork() {
    }

    /**
     * From blocking code (a scheduler's thread).
     *
     * @param rows a native {@code select 1 from … where …} of the service's own tables, a constant
     *     (never input)
     * @return whether it returns any row
     */
    public static boolean any(String rows) {
        return Blocking.await(() -> Panache.withSession(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("select exists (" + rows + ")", Boolean.class).getSingleResult())));
    }
}
