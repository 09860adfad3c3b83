package io.portcullis.models.internal.metering;

import io.portcullis.store.Database;
import io.portcullis.store.Engine;
import io.portcullis.store.Jdbc;
import io.portcullis.store.RowMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A row of usage_reservations, with the SQL that writes and ends them. */
record Held(
        String id,
        String workspaceId,
        LocalDate periodStart,
        @Nullable String runId,
        String profile,
        String pluginId,
        String model,
        long priceVersion,
        long inputPrice,
        long outputPrice,
        long reservedMicros,
        long reservedInputTokens,
        long reservedOutputTokens,
        long rateTokens,
        long rateIncrementMicros,
        Instant expiresAt,
        @Nullable Instant endedAt) {

    static final String HELD = "held";
    static final String SETTLED = "settled";
    static final String RELEASED = "released";
    static final String EXPIRED = "expired";

    private static final String COLUMNS = "id, workspace_id, period_start, run_id, profile, plugin_id, model,"
            + " price_version, input_micros_per_million, output_micros_per_million, reserved_micros,"
            + " reserved_input_tokens, reserved_output_tokens, rate_tokens, rate_increment_micros, expires_at";

    private static final RowMapper<Held> ROW = rows -> new Held(
            rows.getString("id"),
            rows.getString("workspace_id"),
            rows.getObject("period_start", LocalDate.class),
            rows.getString("run_id"),
            rows.getString("profile"),
            rows.getString("plugin_id"),
            rows.getString("model"),
            rows.getLong("price_version"),
            rows.getLong("input_micros_per_million"),
            rows.getLong("output_micros_per_million"),
            rows.getLong("reserved_micros"),
            rows.getLong("reserved_input_tokens"),
            rows.getLong("reserved_output_tokens"),
            rows.getLong("rate_tokens"),
            rows.getLong("rate_increment_micros"),
            Jdbc.requiredInstant(rows, "expires_at"),
            Jdbc.instant(rows, "ended_at"));

    void insert(Connection connection, Instant now) throws SQLException {
        Jdbc.update(
                connection,
                "INSERT INTO models.usage_reservations (" + COLUMNS + ", ended_at, state, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id,
                workspaceId,
                periodStart,
                runId,
                profile,
                pluginId,
                model,
                priceVersion,
                inputPrice,
                outputPrice,
                reservedMicros,
                reservedInputTokens,
                reservedOutputTokens,
                rateTokens,
                rateIncrementMicros,
                expiresAt,
                endedAt,
                HELD,
                now);
    }

    Reservation reservation() {
        return new Reservation(
                id,
                workspaceId,
                pluginId,
                model,
                priceVersion,
                reservedMicros,
                reservedInputTokens,
                reservedOutputTokens,
                expiresAt);
    }

    /**
     * Ends the held reservation {@code id} in {@code state} at {@code at} (null: the database's
     * {@code CURRENT_TIMESTAMP}) and returns it with that {@link #endedAt}; empty when it is not held
     * (ended before, or no such reservation): the one conditional UPDATE that makes ending idempotent.
     * On PostgreSQL one round trip ({@code RETURNING}).
     */
    static Optional<Held> end(
            Database database, Connection connection, String workspaceId, String id, String state, @Nullable Instant at)
            throws SQLException {
        String end = "UPDATE models.usage_reservations SET state = ?,"
                + " ended_at = COALESCE(CAST(? AS TIMESTAMP(6) WITH TIME ZONE), CURRENT_TIMESTAMP)"
                + " WHERE id = ? AND workspace_id = ? AND state = 'held'";
        if (database.engine() == Engine.POSTGRESQL) {
            return Jdbc.one(connection, ROW, end + " RETURNING " + COLUMNS + ", ended_at", state, at, id, workspaceId);
        }
        if (Jdbc.update(connection, end, state, at, id, workspaceId) != 1) {
            return Optional.empty();
        }
        return Jdbc.one(
                connection,
                ROW,
                "SELECT " + COLUMNS + ", ended_at FROM models.usage_reservations WHERE id = ? AND workspace_id = ?",
                id,
                workspaceId);
    }

    /** When it ended; set on a reservation {@link #end} returned. */
    Instant ended() {
        if (endedAt == null) {
            throw new IllegalStateException("reservation has not ended");
        }
        return endedAt;
    }

    /** The ids of the workspace's reservations held past their expiry at {@code now}, at most {@code limit}. */
    static List<String> expired(Connection connection, String workspaceId, Instant now, int limit) throws SQLException {
        return Jdbc.list(
                connection,
                rows -> rows.getString(1),
                "SELECT id FROM models.usage_reservations WHERE workspace_id = ? AND state = 'held' AND expires_at < ?"
                        + " ORDER BY expires_at FETCH FIRST " + limit + " ROWS ONLY",
                workspaceId,
                now);
    }
}
