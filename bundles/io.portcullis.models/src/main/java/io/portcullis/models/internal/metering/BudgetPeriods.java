package io.portcullis.models.internal.metering;

import io.portcullis.store.Database;
import io.portcullis.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A workspace's budget for a calendar month (UTC): its limit, what was spent and what is held by
 * calls in flight. The row is made by the month's first reservation with the limit then set.
 */
final class BudgetPeriods {

    private static final String RESERVE = "UPDATE models.budget_periods SET reserved_micros = reserved_micros + ?"
            + " WHERE workspace_id = ? AND period_start = ? AND spent_micros + reserved_micros + ? <= limit_micros";

    private static final int ATTEMPTS = 20;

    private BudgetPeriods() {}

    /** The first day of the month of {@code now}, in UTC. */
    static LocalDate periodStart(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1);
    }

    /**
     * Reserves {@code micros} in the period when spent + reserved + micros stays within its limit, with
     * one conditional UPDATE (row locks order concurrent ones; none can overspend); makes the period
     * with {@code limitIfNew} when the month has none yet. False when it does not fit.
     */
    static boolean reserve(
            Database database,
            Connection connection,
            String workspaceId,
            LocalDate period,
            long limitIfNew,
            long micros)
            throws SQLException {
        if (Jdbc.update(connection, RESERVE, micros, workspaceId, period, micros) == 1) {
            return true;
        }
        Sql.insertIfAbsent(
                database,
                connection,
                "INSERT INTO models.budget_periods (workspace_id, period_start, limit_micros, spent_micros,"
                        + " reserved_micros) VALUES (?, ?, ?, 0, 0)",
                workspaceId,
                period,
                limitIfNew);
        // Made now, or by a concurrent first call, or there and full: the UPDATE decides. A 0 while the
        // committed row shows room met a concurrent UPDATE (seen on H2 under contention): try again.
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (Jdbc.update(connection, RESERVE, micros, workspaceId, period, micros) == 1) {
                return true;
            }
            if (!fits(connection, workspaceId, period, micros)) {
                return false;
            }
        }
        return false;
    }

    private static boolean fits(Connection connection, String workspaceId, LocalDate period, long micros)
            throws SQLException {
        return Jdbc.one(
                        connection,
                        rows -> rows.getInt(1),
                        "SELECT 1 FROM models.budget_periods WHERE workspace_id = ? AND period_start = ?"
                                + " AND spent_micros + reserved_micros + ? <= limit_micros",
                        workspaceId,
                        period,
                        micros)
                .isPresent();
    }

    /** Moves {@code reserved} out of the reserved amount and adds {@code cost} to the spent one. */
    static void charge(Connection connection, String workspaceId, LocalDate period, long reserved, long cost)
            throws SQLException {
        Jdbc.update(
                connection,
                "UPDATE models.budget_periods SET reserved_micros = reserved_micros - ?, spent_micros = spent_micros + ?"
                        + " WHERE workspace_id = ? AND period_start = ?",
                reserved,
                cost,
                workspaceId,
                period);
    }

    /** Sets the limit of the period, if it exists (a budget changed mid-month applies at once). */
    static void setLimit(Connection connection, String workspaceId, LocalDate period, long limit) throws SQLException {
        Jdbc.update(
                connection,
                "UPDATE models.budget_periods SET limit_micros = ? WHERE workspace_id = ? AND period_start = ?",
                limit,
                workspaceId,
                period);
    }
}
