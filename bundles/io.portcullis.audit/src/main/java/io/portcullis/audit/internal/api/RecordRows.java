package io.portcullis.audit.internal.api;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.Decision;
import io.portcullis.store.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads {@code audit.records} rows as {@link AuditRecord}s, exactly as stored: nothing is trimmed or
 * normalised, so that a tampered value shows as a hash mismatch instead of being repaired on read.
 */
final class RecordRows {

    static final String COLUMNS = "chain, seq, recorded_at, workspace_id, actor_kind, actor_id,"
            + " actor_credential_id, action, target, decision, reason_code, reason_text, arguments_hmac,"
            + " result_status, latency_ms, request_id, prev_hash, hash";

    private RecordRows() {}

    static AuditRecord read(ResultSet rows) throws SQLException {
        String decision = rows.getString("decision");
        return new AuditRecord(
                rows.getString("chain"),
                rows.getLong("seq"),
                Jdbc.requiredInstant(rows, "recorded_at"),
                rows.getString("workspace_id"),
                new Actor(
                        rows.getString("actor_kind"),
                        rows.getString("actor_id"),
                        rows.getString("actor_credential_id")),
                rows.getString("action"),
                rows.getString("target"),
                Decision.parse(decision).orElseThrow(() -> new SQLException("unknown decision in an audit record")),
                rows.getString("reason_code"),
                rows.getString("reason_text"),
                rows.getString("arguments_hmac"),
                rows.getObject("result_status", Integer.class),
                rows.getObject("latency_ms", Long.class),
                rows.getString("request_id"),
                rows.getString("prev_hash"),
                rows.getString("hash"));
    }
}
