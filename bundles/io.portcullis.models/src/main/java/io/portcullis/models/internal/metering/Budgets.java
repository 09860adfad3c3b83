package io.portcullis.models.internal.metering;

import io.portcullis.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** The budgets table: one row per workspace that set its budget. */
final class Budgets {

    private Budgets() {}

    /** The workspace's settings, or {@link Budget#DEFAULT}. */
    static Budget of(Connection connection, String workspaceId) throws SQLException {
        return Jdbc.one(
                        connection,
                        rows -> new Budget(
                                rows.getLong("monthly_limit_micros"),
                                rows.getLong("calls_per_minute"),
                                rows.getLong("tokens_per_minute"),
                                rows.getString("set_by"),
                                Jdbc.instant(rows, "set_at")),
                        "SELECT monthly_limit_micros, calls_per_minute, tokens_per_minute, set_by, set_at"
                                + " FROM models.budgets WHERE workspace_id = ?",
                        workspaceId)
                .orElse(Budget.DEFAULT);
    }

    /** Sets the workspace's settings (an upsert that works alike on H2 and PostgreSQL). */
    static void set(Connection connection, String workspaceId, Budget budget, String setBy, Instant now)
            throws SQLException {
        int updated = Jdbc.update(
                connection,
                "UPDATE models.budgets SET monthly_limit_micros = ?, calls_per_minute = ?, tokens_per_minute = ?,"
                        + " set_by = ?, set_at = ? WHERE workspace_id = ?",
                budget.monthlyLimitMicros(),
                budget.callsPerMinute(),
                budget.tokensPerMinute(),
                setBy,
                now,
                workspaceId);
        if (updated == 0) {
            Jdbc.update(
                    connection,
                    "INSERT INTO models.budgets (workspace_id, monthly_limit_micros, calls_per_minute,"
                            + " tokens_per_minute, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)",
                    workspaceId,
                    budget.monthlyLimitMicros(),
                    budget.callsPerMinute(),
                    budget.tokensPerMinute(),
                    setBy,
                    now);
        }
    }
}
