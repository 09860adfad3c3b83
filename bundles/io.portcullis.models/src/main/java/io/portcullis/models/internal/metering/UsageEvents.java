package io.portcullis.models.internal.metering;

import io.portcullis.spi.ModelProvider.Usage;
import io.portcullis.store.Ids;
import io.portcullis.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/** The usage_events table: append-only, one event per settled or expired reservation. */
final class UsageEvents {

    private UsageEvents() {}

    /** Writes the event of {@code held} charged {@code cost} for {@code usage}; returns its settlement. */
    static Settlement insert(
            Connection connection,
            Held held,
            Usage usage,
            long cost,
            String source,
            boolean flagged,
            long latencyMillis,
            Instant now)
            throws SQLException {
        String id = Ids.next();
        Jdbc.update(
                connection,
                "INSERT INTO models.usage_events (id, workspace_id, reservation_id, run_id, profile, plugin_id, model,"
                        + " price_version, input_tokens, output_tokens, cost_micros, source, flagged, latency_millis,"
                        + " occurred_at, period_start, usage_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id,
                held.workspaceId(),
                held.id(),
                held.runId(),
                held.profile(),
                held.pluginId(),
                held.model(),
                held.priceVersion(),
                usage.inputTokens(),
                usage.outputTokens(),
                cost,
                source,
                flagged,
                Math.max(0, latencyMillis),
                now,
                held.periodStart(),
                LocalDate.ofInstant(now, ZoneOffset.UTC));
        return new Settlement(id, cost, usage, source);
    }

    /** The settlement recorded for a reservation, if it was settled or swept. */
    static Optional<Settlement> of(Connection connection, String workspaceId, String reservationId)
            throws SQLException {
        return Jdbc.one(
                connection,
                rows -> new Settlement(
                        rows.getString("id"),
                        rows.getLong("cost_micros"),
                        new Usage(rows.getLong("input_tokens"), rows.getLong("output_tokens")),
                        rows.getString("source")),
                "SELECT id, cost_micros, input_tokens, output_tokens, source FROM models.usage_events"
                        + " WHERE workspace_id = ? AND reservation_id = ?",
                workspaceId,
                reservationId);
    }
}
