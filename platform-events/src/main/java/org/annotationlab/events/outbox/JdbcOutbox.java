package org.annotationlab.events.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.annotationlab.events.DomainEvent;
import org.annotationlab.events.EventCodec;
import org.annotationlab.events.EventEnvelope;

/**
 * The outbox for work that runs over JDBC on a worker thread (bulk imports): the same table and
 * envelope as {@link Outbox}, written on the caller's JDBC connection inside its transaction.
 */
public final class JdbcOutbox {

    private static final String INSERT = "insert into outbox_event (id, topic, event_key, type, payload, created_at)"
            + " values (?, ?, ?, ?, ?, ?)";

    private final EventCodec codec = new EventCodec();
    private final String source;

    public JdbcOutbox(String source) {
        this.source = source;
    }

    public EventEnvelope append(Connection connection, DomainEvent event) throws SQLException {
        EventEnvelope envelope = codec.wrap(event, source);
        OutboxEvent row = OutboxEvent.of(event, envelope, codec);
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, row.id);
            insert.setString(2, row.topic);
            insert.setString(3, row.key);
            insert.setString(4, row.type);
            insert.setString(5, row.payload);
            insert.setObject(6, row.createdAt);
            insert.executeUpdate();
        }
        return envelope;
    }
}
