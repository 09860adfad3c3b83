package io.portcullis.audit.internal.writer;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.Decision;
import io.portcullis.store.Database;
import io.portcullis.store.Engine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reads the records table back, as the writer's scope sees it (every chain), ordered by chain and sequence. */
final class StoredRecords {

    private StoredRecords() {}

    static List<AuditRecord> all(Database database) throws SQLException {
        return database.inTransaction(connection -> {
            scope(database, connection, "writer");
            List<AuditRecord> records = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT chain, seq, recorded_at, workspace_id,"
                            + " actor_kind, actor_id, actor_credential_id, action, target, decision, reason_code,"
                            + " reason_text, arguments_hmac, result_status, latency_ms, request_id, prev_hash, hash"
                            + " FROM audit.records ORDER BY chain, seq");
                    ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    records.add(new AuditRecord(
                            row.getString(1),
                            row.getLong(2),
                            row.getObject(3, OffsetDateTime.class).toInstant(),
                            row.getString(4),
                            new Actor(row.getString(5), row.getString(6), row.getString(7)),
                            row.getString(8),
                            row.getString(9),
                            Decision.parse(row.getString(10)).orElseThrow(),
                            row.getString(11),
                            row.getString(12),
                            row.getString(13),
                            row.getObject(14, Integer.class),
                            row.getObject(15, Long.class),
                            row.getString(16),
                            row.getString(17),
                            row.getString(18)));
                }
            }
            return records;
        });
    }

    static void scope(Database database, Connection connection, String scope) throws SQLException {
        if (database.engine() == Engine.POSTGRESQL) {
            try (PreparedStatement set =
                    connection.prepareStatement("SELECT set_config('portcullis.audit_scope', ?, true)")) {
                set.setString(1, scope);
                set.execute();
            }
        }
    }
}
