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

    private static final String INSERT = "insert into outbox_event (" + OutboxEvent.COLUMNS + ")"
            + " values (?, ?, ?, ?, ?, ?)";

    private final EventCodec codec = new EventCodec();
    private final String source;

    public JdbcOutbox(String source) {
        this.source = source;
    }

    public EventEnvelope append(Connection connection, DomainEvent event) throws SQLException {
        EventEnvelope envelope = codec.wrap(event, source);
        Object[] values = OutboxEvent.of(event, envelope, codec).values();
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int i = 0; i < values.length; i++) {
                insert.setObject(i + 1, values[i]);
            }
            insert.executeUpdate();
        }
        return envelope;
    }
}
