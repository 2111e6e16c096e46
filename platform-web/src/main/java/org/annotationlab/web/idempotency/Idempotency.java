package org.annotationlab.web.idempotency;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import jakarta.ws.rs.core.Response;
import org.annotationlab.web.problem.Problem;
import org.annotationlab.web.problem.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creating requests that are safe to retry. A client that sends an {@value #HEADER} header with a
 * creating POST gets, for every later request with the same key, the answer to the first one
 * (status, body and Location, marked {@value #REPLAYED}) and never a second write — also when the
 * first answer was lost with the connection, and when both are in flight at once.
 * <p>
 * The answer is stored in the transaction of the write it answers (table {@value #TABLE}, primary
 * key caller and key), so either both are stored or neither: a failed request stores nothing and
 * may be retried with its key. A concurrent twin either finds the answer before writing, or fails
 * on what the first one wrote (the key's primary key, a 409) and then finds it. A key is the
 * caller's own; sent again with another method, path, query or body it is refused (422
 * {@code IDEMPOTENCY_KEY_REUSED}); a body is compared as canonical JSON (fields sorted, nulls left
 * out), a streamed body byte for byte. Answers are kept for {@code lab.idempotency.retention} (24 h).
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    /** Marks an answer given again from the store. */
    public static final String REPLAYED = "Idempotent-Replayed";
    static final String TABLE = "idempotency_key";
    /** The columns a statement of one's own writes, in {@link Idempotent.Answer} order. */
    public static final String COLUMNS = "caller, key, request, status, location, body";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final String FIND = "select request, status, location, body from " + TABLE
            + " where caller = $1 and key = $2";
    private static final String PURGE = "delete from " + TABLE + " where created_at < now() - make_interval(secs => $1)";
    private static final Logger LOG = Logger.getLogger(Idempotency.class);

    private final Pool pool;
    private final ObjectMapper json;
    /** The body as fingerprinted: the same request gives the same bytes whatever its fields' order or nulls. */
    private final ObjectMapper canonical;
    private final SecurityIdentity identity;
    private final HttpServerRequest request;
    private final Duration retention;

    Idempotency(Pool pool, ObjectMapper json, SecurityIdentity identity, HttpServerRequest request,
            @ConfigProperty(name = "lab.idempotency.retention", defaultValue = "24h") Duration retention) {
        this.pool = pool;
        this.json = json;
        this.canonical = json.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
                .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        this.identity = identity;
        this.request = request;
        this.retention = retention;
    }

    /**
     * The current request's answer made retryable under the key the {@value #HEADER} header holds
     * (none: an ordinary request). {@code body} is the request's parsed body (null when it has none or is
     * streamed); {@code response} makes the answer from what the write returns.
     */
    public <T> Idempotent<T> of(String header, Object body, Function<T, Response> response) {
        String key = key(header);
        if (key == null) {
            return new Idempotent<>(null, null, null, null, null, response);
        }
        MessageDigest digest = requestDigest();
        try {
            if (body != null) {
                digest.update(canonical.writeValueAsBytes(body));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String request = HexFormat.of().formatHex(digest.digest());
        return new Idempotent<>(this, caller(), key, () -> request, null, response);
    }

    /**
     * The same for a request whose body is streamed ({@code body}): the write reads it through
     * {@link Idempotent#body()}, which fingerprints it as it goes.
     */
    public <T> Idempotent<T> ofStream(String header, InputStream body, Function<T, Response> response) {
        String key = key(header);
        if (key == null) {
            return new Idempotent<>(null, null, null, null, body, response);
        }
        MessageDigest digest = requestDigest();
        String[] request = new String[1];
        return new Idempotent<>(this, caller(), key, () -> {
            if (request[0] == null) {
                request[0] = HexFormat.of().formatHex(digest.digest());
            }
            return request[0];
        }, new Fingerprinted(body, digest), response);
    }

    /** A streamed body fingerprinted as it is read; closing it reads what its reader left first. */
    private static final class Fingerprinted extends DigestInputStream {

        private boolean closed;

        Fingerprinted(InputStream body, MessageDigest digest) {
            super(body, digest);
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                transferTo(OutputStream.nullOutputStream());
            } finally {
                super.close();
            }
        }
    }

    /** The key the header holds, checked; null without one. */
    private String key(String header) {
        // An empty header reaches a resource as no value; it is a key all the same, and no valid one.
        String key = header != null ? header : request.getHeader(HEADER);
        if (key != null && !KEY.matcher(key).matches()) {
            throw new ProblemException(400, "INVALID_PARAMETER", HEADER + ": 1 to 255 visible ASCII characters",
                    List.of(new Problem.FieldError(HEADER, "must be 1 to 255 visible ASCII characters")));
        }
        return key;
    }

    private String caller() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        return identity.getPrincipal().getName();
    }

    /** SHA-256 of the request so far: method, path and query; the body follows. */
    private MessageDigest requestDigest() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.method().name() + " " + request.path() + "?" + request.query() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            return digest;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The answer's body as stored and replayed. */
    String serialized(Object entity) {
        try {
            return json.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer could not be stored: " + e.getMessage(), e);
        }
    }

    /** The answer stored under this caller's key, null if none. */
    Uni<Idempotent.Answer> find(String caller, String key) {
        return pool.preparedQuery(FIND).execute(Tuple.of(caller, key)).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row row = it.next();
            return new Idempotent.Answer(caller, key, row.getString("request"), row.getInteger("status"),
                    row.getString("location"), row.getString("body"));
        });
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return pool.preparedQuery(PURGE).execute(Tuple.of(retention.toSeconds()))
                .invoke(rows -> LOG.debugf("%d idempotency keys past their retention deleted", rows.rowCount()))
                .onFailure().invoke(e -> LOG.warnf("idempotency keys past their retention not deleted: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
