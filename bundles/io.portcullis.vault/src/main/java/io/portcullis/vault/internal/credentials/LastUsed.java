package io.portcullis.vault.internal.credentials;

import io.portcullis.store.Database;
import io.portcullis.store.Jdbc;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records when a credential was last used, at most once a {@link #PERIOD} per credential and node, so
 * that uses do not each cost a write (tenancy's {@code LastUsed}, for credentials). The memory here
 * only throttles writes; another node may write too, and the statement skips rows written within the
 * period. A failed write is logged and does not fail the use.
 */
final class LastUsed {

    static final Duration PERIOD = Duration.ofMinutes(1);
    private static final int PRUNE_ABOVE = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(LastUsed.class);

    private final Database database;
    private final Clock clock;
    private final Map<String, Instant> written = new ConcurrentHashMap<>();

    LastUsed(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Writes {@code last_used_at} of a credential unless done within the period. */
    void touch(String workspaceId, String credentialId) {
        Instant now = Jdbc.now(clock);
        Instant threshold = now.minus(PERIOD);
        Instant previous = written.get(credentialId);
        if (previous != null && previous.isAfter(threshold)) {
            return;
        }
        if (previous == null ? written.putIfAbsent(credentialId, now) != null
                : !written.replace(credentialId, previous, now)) {
            return; // another use of this credential is writing it
        }
        prune(threshold);
        try {
            database.inWorkspace(workspaceId, connection -> Jdbc.update(connection,
                    "UPDATE vault.credentials SET last_used_at = ? WHERE id = ? AND workspace_id = ?"
                            + " AND (last_used_at IS NULL OR last_used_at <= ?)",
                    now, credentialId, workspaceId, threshold));
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Last use of credential '{}' not recorded ({})", credentialId, e.getClass().getSimpleName());
        }
    }

    private void prune(Instant threshold) {
        if (written.size() > PRUNE_ABOVE) {
            written.values().removeIf(at -> !at.isAfter(threshold));
        }
    }
}
