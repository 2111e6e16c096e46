package org.annotationlab.web.problem;

import io.vertx.pgclient.PgException;
import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;
import org.hibernate.StaleStateException;

/**
 * What the database refused because of the request or of a concurrent one, found anywhere in a
 * failure's cause chain: a unique key another request took first and a row another request
 * changed first are 409s (two requests at once get one write and one 409, never a 500); a value
 * PostgreSQL cannot store (a NUL character, a number out of range) is a 400.
 */
public final class StorageProblems {

    private StorageProblems() {
    }

    /** The problem for such a failure; null when it is none of these. */
    static Problem of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return ProblemMapper.simple(409, "CONCURRENT_UPDATE",
                        "another request changed this at the same time; reload it and try again");
            }
            String state = sqlState(t);
            if ("23505".equals(state)) {
                return ProblemMapper.simple(409, "ALREADY_EXISTS", "another request created the same thing at the same time");
            }
            if (state != null && state.startsWith("22")) {
                return ProblemMapper.simple(400, "UNSTORABLE_VALUE",
                        "a value cannot be stored (e.g. it holds a NUL character or is out of range)");
            }
        }
        return null;
    }

    /** The unique constraint (or index) a failure violated, anywhere in its cause chain; null if none. */
    public static String violatedUnique(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return pg.getConstraint();
            }
        }
        return null;
    }

    private static String sqlState(Throwable t) {
        if (t instanceof PgException pg) {
            return pg.getSqlState();
        }
        if (t instanceof SQLException sql) {
            return sql.getSQLState();
        }
        return null;
    }
}
