package io.portcullis.store;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records when a workspace-owned row (an API key, a credential) was last used, at most once a
 * {@link #PERIOD} per row and node, so that uses do not each cost a write. The memory here only
 * throttles writes; it never decides anything. Another node may write too: the statement skips rows
 * written within the period. A failed write is logged and does not fail the use.
 *
 * <p>The table needs {@code id}, {@code workspace_id} and {@code last_used_at} columns. Thread-safe.
 */
public final class LastUsed {

    /** The shortest time between two writes of one row. */
    public static final Duration PERIOD = Duration.ofMinutes(1);

    private static final int PRUNE_ABOVE = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(LastUsed.class);

    private final Database database;
    private final Clock clock;
    private final String update;
    private final String subject;
    private final Map<String, Instant> written = new ConcurrentHashMap<>();

    /**
     * @param table   the qualified table, a constant such as {@code tenancy.api_keys}; never user input
     * @param subject what a row is, for the log line of a failed write ({@code API key})
     */
    public LastUsed(Database database, Clock clock, String table, String subject) {
        this.database = database;
        this.clock = clock;
        this.update = "UPDATE " + table + " SET last_used_at = ? WHERE id = ? AND workspace_id = ?"
                + " AND (last_used_at IS NULL OR last_used_at <= ?)";
        this.subject = subject;
    }

    /** Writes {@code last_used_at} of row {@code id} of {@code workspaceId} unless done within the period. */
    public void touch(String workspaceId, String id) {
        Instant now = Jdbc.now(clock);
        Instant threshold = now.minus(PERIOD);
        Instant previous = written.get(id);
        if (previous != null && previous.isAfter(threshold)) {
            return;
        }
        if (previous == null ? written.putIfAbsent(id, now) != null : !written.replace(id, previous, now)) {
            return; // another use of this row is writing it
        }
        prune(threshold);
        try {
            database.inWorkspace(
                    workspaceId, connection -> Jdbc.update(connection, update, now, id, workspaceId, threshold));
        } catch (SQLException | RuntimeException e) {
            LOG.warn(
                    "Last use of {} '{}' not recorded ({})",
                    subject,
                    id,
                    e.getClass().getSimpleName());
        }
    }

    private void prune(Instant threshold) {
        if (written.size() > PRUNE_ABOVE) {
            written.values().removeIf(at -> !at.isAfter(threshold));
        }
    }
}
