package io.portcullis.models.internal.metering;

import io.portcullis.store.Jdbc;
import io.portcullis.store.RowMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The model_prices table: every version of every price, the newest one in force. */
final class Prices {

    private static final String COLUMNS =
            "plugin_id, model, version, input_micros_per_million," + " output_micros_per_million, set_by, set_at";

    static final RowMapper<Price> ROW = rows -> new Price(
            rows.getString("plugin_id"),
            rows.getString("model"),
            rows.getLong("version"),
            rows.getLong("input_micros_per_million"),
            rows.getLong("output_micros_per_million"),
            rows.getString("set_by"),
            Jdbc.instant(rows, "set_at"));

    private Prices() {}

    /** The price in force: the newest version, or empty when the model was never priced. */
    static Optional<Price> current(Connection connection, String pluginId, String model) throws SQLException {
        return Jdbc.one(
                connection,
                ROW,
                "SELECT " + COLUMNS + " FROM models.model_prices WHERE plugin_id = ? AND model = ?"
                        + " ORDER BY version DESC FETCH FIRST 1 ROWS ONLY",
                pluginId,
                model);
    }

    /** What a reservation starts from: the price in force, the workspace's budget and the database's now. */
    record ForReserve(Price price, Budget budget, Instant databaseNow) {}

    /**
     * The price in force with the workspace's budget ({@link Budget#DEFAULT} without a row) and the
     * database's {@code CURRENT_TIMESTAMP}, in one round trip; empty when the model was never priced.
     */
    static Optional<ForReserve> forReserve(Connection connection, String workspaceId, String pluginId, String model)
            throws SQLException {
        return Jdbc.one(
                connection,
                rows -> {
                    Budget budget = rows.getObject("calls_per_minute") == null
                            ? Budget.DEFAULT
                            : new Budget(
                                    rows.getLong("monthly_limit_micros"),
                                    rows.getLong("calls_per_minute"),
                                    rows.getLong("tokens_per_minute"),
                                    null,
                                    null);
                    return new ForReserve(ROW.map(rows), budget, Jdbc.requiredInstant(rows, "database_now"));
                },
                "SELECT CURRENT_TIMESTAMP AS database_now, p.plugin_id, p.model, p.version,"
                        + " p.input_micros_per_million, p.output_micros_per_million, p.set_by, p.set_at,"
                        + " b.monthly_limit_micros, b.calls_per_minute, b.tokens_per_minute"
                        + " FROM models.model_prices p LEFT JOIN models.budgets b ON b.workspace_id = ?"
                        + " WHERE p.plugin_id = ? AND p.model = ? ORDER BY p.version DESC FETCH FIRST 1 ROWS ONLY",
                workspaceId,
                pluginId,
                model);
    }

    /** Every version of the model's price, newest first. */
    static List<Price> history(Connection connection, String pluginId, String model) throws SQLException {
        return Jdbc.list(
                connection,
                ROW,
                "SELECT " + COLUMNS + " FROM models.model_prices WHERE plugin_id = ? AND model = ?"
                        + " ORDER BY version DESC",
                pluginId,
                model);
    }

    /** The prices in force after ({@code afterPlugin}, {@code afterModel}), by plugin then model, at most {@code limit}. */
    static List<Price> page(Connection connection, String afterPlugin, String afterModel, int limit)
            throws SQLException {
        return Jdbc.list(
                connection,
                ROW,
                "SELECT " + COLUMNS + " FROM models.model_prices p WHERE version = (SELECT MAX(version)"
                        + " FROM models.model_prices q WHERE q.plugin_id = p.plugin_id AND q.model = p.model)"
                        + " AND (plugin_id > ? OR (plugin_id = ? AND model > ?))"
                        + " ORDER BY plugin_id, model FETCH FIRST " + limit + " ROWS ONLY",
                afterPlugin,
                afterPlugin,
                afterModel);
    }

    /**
     * Adds the next version of the model's price. Two admins setting the same model at once: the
     * second's insert hits the primary key (a unique violation the caller answers with 409).
     */
    static Price set(
            Connection connection, String pluginId, String model, long input, long output, String setBy, Instant now)
            throws SQLException {
        long version =
                current(connection, pluginId, model).map(p -> p.version() + 1).orElse(1L);
        Jdbc.update(
                connection,
                "INSERT INTO models.model_prices (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                pluginId,
                model,
                version,
                input,
                output,
                setBy,
                now);
        return new Price(pluginId, model, version, input, output, setBy, now);
    }
}
