package org.annotationlab.web.idempotency;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.annotationlab.web.Blocking;
import org.annotationlab.web.problem.Problem;
import org.annotationlab.web.problem.ProblemException;

/**
 * One creating request's answer, retryable when the caller sent an {@value Idempotency#HEADER}
 * ({@link Idempotency}). The resource answers through {@link #respond}; the write stores the
 * answer in its own transaction with {@link #record} (Hibernate Reactive), {@link #record(Connection,
 * Object)} (JDBC) or {@link #answer} (the values for a statement of its own). Without a key each of
 * these is the ordinary request: the write runs, nothing is stored.
 */
public final class Idempotent<T> {

    /** A stored answer: the values of one {@value Idempotency#TABLE} row, in {@link Idempotency#COLUMNS} order. */
    public record Answer(String caller, String key, String request, Integer status, String location, String body) {

        public Object[] values() {
            return new Object[] {caller, key, request, status, location, body};
        }
    }

    private static final String INSERT = "insert into " + Idempotency.TABLE + " (" + Idempotency.COLUMNS + ")";
    private static final Answer NONE = new Answer(null, null, null, null, null, null);

    private final Idempotency store;
    private final String caller;
    private final String key;
    /** The request's fingerprint; a streamed body's is known once it was read. */
    private final Supplier<String> request;
    private final InputStream body;
    private final Function<T, Response> response;

    Idempotent(Idempotency store, String caller, String key, Supplier<String> request, InputStream body,
            Function<T, Response> response) {
        this.store = store;
        this.caller = caller;
        this.key = key;
        this.request = request;
        this.body = body;
        this.response = response;
    }

    /** A write no request asked for (a scheduler's, an event's): nothing to store. */
    public static <T> Idempotent<T> none() {
        return new Idempotent<>(null, null, null, null, null, result -> {
            throw new IllegalStateException("a write without a request has no answer");
        });
    }

    /** The streamed body, for the write to read (fingerprinted as it is read when there is a key). */
    public InputStream body() {
        return body;
    }

    /** The answer to a write that returned {@code result}. */
    public Response response(T result) {
        return response.apply(result);
    }

    /**
     * The answer: the stored one if this key has one, else the write's. A write that fails because
     * a twin with the same key got there first (its key taken, or the state it left: a 409) gets
     * the twin's answer; any other failure is the request's.
     */
    public Uni<Response> respond(Supplier<Uni<? extends T>> write) {
        if (key == null) {
            return Uni.createFrom().<T>deferred(write).map(response);
        }
        return store.find(caller, key).flatMap(stored -> stored != null ? Uni.createFrom().item(replay(stored))
                : Uni.createFrom().<T>deferred(write).map(response)
                        .onFailure().recoverWithUni(failure -> store.find(caller, key)
                                .onFailure().recoverWithUni(lookup -> Uni.createFrom().failure(failure))
                                .map(twin -> {
                                    if (twin == null) {
                                        throw failure instanceof RuntimeException e ? e : new IllegalStateException(failure);
                                    }
                                    return replay(twin);
                                })));
    }

    /** {@link #respond}, for a write that blocks (it runs on a worker thread). */
    public Response respondBlocking(Supplier<T> write) {
        if (key == null) {
            return response.apply(write.get());
        }
        Answer stored = Blocking.await(() -> store.find(caller, key));
        if (stored != null) {
            drain();
            return replay(stored);
        }
        try {
            return response.apply(write.get());
        } catch (RuntimeException failure) {
            Answer twin;
            try {
                twin = Blocking.await(() -> store.find(caller, key));
            } catch (RuntimeException lookup) {
                throw failure;
            }
            if (twin == null) {
                throw failure;
            }
            drain();
            return replay(twin);
        }
    }

    /** Reads what the write left of a streamed body (closing it does): its fingerprint needs all of it. */
    private void drain() {
        if (body == null) {
            return;
        }
        try {
            body.close();
        } catch (IOException e) {
            throw new ProblemException(400, "UNREADABLE_BODY", "the body could not be read: " + e.getMessage());
        }
    }

    private Response replay(Answer stored) {
        if (!stored.request().equals(request.get())) {
            throw new ProblemException(422, "IDEMPOTENCY_KEY_REUSED", Idempotency.HEADER + " " + key + " was sent "
                    + "before with another request; a key names one request (method, path, query and body)",
                    List.of(new Problem.FieldError(Idempotency.HEADER, "already used for another request")));
        }
        Response.ResponseBuilder replayed = Response.status(stored.status()).entity(stored.body())
                .type(MediaType.APPLICATION_JSON_TYPE).header(Idempotency.REPLAYED, "true");
        return stored.location() == null ? replayed.build() : replayed.location(URI.create(stored.location())).build();
    }

    /** The row to store for a write that returned {@code result}; all nulls without a key. */
    public Answer answer(T result) {
        if (key == null) {
            return NONE;
        }
        drain(); // a streamed body's fingerprint covers all of it, also what its reader left unread
        Response answer = response.apply(result);
        // Kept as a path: a replay's Location is resolved against the retry's own host.
        URI location = answer.getLocation();
        return new Answer(caller, key, request.get(), answer.getStatus(), location == null ? null
                : location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery()),
                store.serialized(answer.getEntity()));
    }

    /** Stores the answer in the current Hibernate Reactive transaction. */
    public Uni<Void> record(T result) {
        if (key == null) {
            return Uni.createFrom().voidItem();
        }
        Answer answer = answer(result);
        return Panache.getSession().flatMap(session -> session.createNativeQuery(INSERT
                        + " values (:caller, :key, :request, :status, cast(:location as varchar), :body)")
                .setParameter("caller", answer.caller()).setParameter("key", answer.key())
                .setParameter("request", answer.request()).setParameter("status", answer.status())
                .setParameter("location", answer.location()).setParameter("body", answer.body())
                .executeUpdate()).replaceWithVoid();
    }

    /** Stores the answer in the connection's transaction. */
    public void record(Connection connection, T result) throws SQLException {
        if (key == null) {
            return;
        }
        Answer answer = answer(result);
        try (PreparedStatement insert = connection.prepareStatement(INSERT + " values (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, answer.caller());
            insert.setString(2, answer.key());
            insert.setString(3, answer.request());
            insert.setInt(4, answer.status());
            if (answer.location() == null) {
                insert.setNull(5, Types.VARCHAR);
            } else {
                insert.setString(5, answer.location());
            }
            insert.setString(6, answer.body());
            insert.executeUpdate();
        }
    }
}
