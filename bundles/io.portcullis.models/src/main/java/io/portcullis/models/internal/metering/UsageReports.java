package io.portcullis.models.internal.metering;

import io.portcullis.models.internal.metering.MeteringViews.DayUsage;
import io.portcullis.models.internal.metering.MeteringViews.ModelUsage;
import io.portcullis.models.internal.metering.MeteringViews.UsageView;
import io.portcullis.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** A workspace's usage of a period, summed from its usage events and its period row. */
final class UsageReports {

    private static final String SUMS = "COUNT(*), SUM(input_tokens), SUM(output_tokens), SUM(cost_micros)";

    private UsageReports() {}

    /**
     * The usage of the period starting {@code period}; a period with no row yet (no call this month)
     * shows the limit in force, {@code budget}'s, and nothing spent.
     */
    static UsageView of(Connection connection, String workspaceId, LocalDate period, long limitIfNone)
            throws SQLException {
        Optional<long[]> row = Jdbc.one(
                connection,
                rows -> new long[] {rows.getLong(1), rows.getLong(2), rows.getLong(3)},
                "SELECT limit_micros, spent_micros, reserved_micros FROM models.budget_periods"
                        + " WHERE workspace_id = ? AND period_start = ?",
                workspaceId,
                period);
        long[] amounts = row.orElse(new long[] {limitIfNone, 0, 0});
        List<ModelUsage> byModel = Jdbc.list(
                connection,
                rows -> new ModelUsage(
                        rows.getString(1),
                        rows.getString(2),
                        rows.getLong(3),
                        rows.getLong(4),
                        rows.getLong(5),
                        rows.getLong(6)),
                "SELECT plugin_id, model, " + SUMS
                        + " FROM models.usage_events WHERE workspace_id = ? AND period_start = ?"
                        + " GROUP BY plugin_id, model ORDER BY plugin_id, model",
                workspaceId,
                period);
        List<DayUsage> byDay = Jdbc.list(
                connection,
                rows -> new DayUsage(
                        rows.getObject(1, LocalDate.class).toString(),
                        rows.getLong(2),
                        rows.getLong(3),
                        rows.getLong(4),
                        rows.getLong(5)),
                "SELECT usage_day, " + SUMS + " FROM models.usage_events WHERE workspace_id = ? AND period_start = ?"
                        + " GROUP BY usage_day ORDER BY usage_day",
                workspaceId,
                period);
        long remaining = Math.max(0, amounts[0] - amounts[1] - amounts[2]);
        return new UsageView(
                period.toString(),
                period.plusMonths(1).toString(),
                amounts[0],
                amounts[1],
                amounts[2],
                remaining,
                byModel,
                byDay);
    }
}
