package io.portcullis.models.internal.metering;

import io.portcullis.store.Database;
import io.portcullis.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Burst limits by GCRA (the generic cell rate algorithm) on the database's clock: each limit is one row
 * holding its theoretical arrival time {@code tat} in microseconds. A take of {@code n} units against
 * {@code limit} a minute moves tat by {@code n × 60 s / limit} and fits when the new tat is at most a
 * minute ahead of now: a full minute's worth may come at once, then one unit each {@code 60 s / limit}.
 * One conditional UPDATE decides, so concurrent takes on any node never exceed the limit.
 */
final class Gcra {

    static final String CALLS = "calls";
    static final String TOKENS = "tokens";

    /** The window a limit is per: a minute, in microseconds. */
    static final long WINDOW_MICROS = 60_000_000L;

    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final int ATTEMPTS = 20;

    private Gcra() {}

    /**
     * How far {@code units} move tat against {@code perMinute}: ceil(units × 60 s / perMinute), units
     * clamped to 0..perMinute so that a take larger than the whole limit still fits an idle minute.
     */
    static long increment(long units, long perMinute) {
        long n = Costs.clamp(units, perMinute);
        return Costs.ceilDiv(n * WINDOW_MICROS, perMinute); // perMinute ≤ 1e9: n × 6e7 ≤ 6e16
    }

    /**
     * Takes {@code increment} from the workspace's limit {@code key} at {@code nowMicros}; 0 when it
     * fits (tat moved), otherwise the seconds until it would (at least 1; nothing moved).
     */
    static long take(
            Database database, Connection connection, String workspaceId, String key, long increment, long nowMicros)
            throws SQLException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int moved = Jdbc.update(
                    connection,
                    "UPDATE models.rate_limits SET tat = GREATEST(tat, ?) + ?"
                            + " WHERE workspace_id = ? AND limit_key = ? AND GREATEST(tat, ?) + ? <= ?",
                    nowMicros,
                    increment,
                    workspaceId,
                    key,
                    nowMicros,
                    increment,
                    nowMicros + WINDOW_MICROS);
            if (moved == 1) {
                return 0;
            }
            Optional<Long> tat = Jdbc.one(
                    connection,
                    rows -> rows.getLong(1),
                    "SELECT tat FROM models.rate_limits WHERE workspace_id = ? AND limit_key = ?",
                    workspaceId,
                    key);
            if (tat.isPresent()) {
                long early = Math.max(tat.get(), nowMicros) + increment - (nowMicros + WINDOW_MICROS);
                if (early > 0) {
                    return Costs.ceilDiv(early, MICROS_PER_SECOND);
                }
                // It fits as now committed: the UPDATE met a concurrent one (seen on H2 under
                // contention). The conditional UPDATE stays the only judge: try it again.
                continue;
            }
            // An idle limit has no row yet: the first take always fits (increment ≤ the window).
            if (Sql.insertIfAbsent(
                            database,
                            connection,
                            "INSERT INTO models.rate_limits (workspace_id, limit_key, tat) VALUES (?, ?, ?)",
                            workspaceId,
                            key,
                            nowMicros + increment)
                    == 1) {
                return 0;
            }
        }
        // Contended past every attempt: the caller may try again at once.
        return 1;
    }

    /** Gives back {@code micros} of the workspace's limit {@code key} (tokens reserved but not used). */
    static void refund(Connection connection, String workspaceId, String key, long micros) throws SQLException {
        if (micros > 0) {
            Jdbc.update(
                    connection,
                    "UPDATE models.rate_limits SET tat = tat - ? WHERE workspace_id = ? AND limit_key = ?",
                    micros,
                    workspaceId,
                    key);
        }
    }
}
