package io.portcullis.tenancy.internal;

import io.portcullis.store.Database;
import io.portcullis.store.Jdbc;
import io.portcullis.tenancy.KeyPrincipal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records when a key was last used, at most once a {@link #PERIOD} per key and node, so that requests
 * do not each cost a write. The memory here only throttles writes; it never decides who is
 * authenticated. Another node may write too: the statement skips rows written within the period.
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

    /** Writes {@code last_used_at} of a workspace key unless done within the period. */
    void touch(KeyPrincipal principal) {
        String workspaceId = principal.workspaceId();
        if (workspaceId == null) {
            return; // the platform admin key has no row
        }
        Instant now = Jdbc.now(clock);
        Instant threshold = now.minus(PERIOD);
        Instant previous = written.get(principal.keyId());
        if (previous != null && previous.isAfter(threshold)) {
            return;
        }
        if (previous == null ? written.putIfAbsent(principal.keyId(), now) != null
                : !written.replace(principal.keyId(), previous, now)) {
            return; // another request of this key is writing it
        }
        prune(threshold);
        try {
            database.inWorkspace(workspaceId, connection -> Jdbc.update(connection,
                    "UPDATE tenancy.api_keys SET last_used_at = ? WHERE id = ? AND workspace_id = ?"
                            + " AND (last_used_at IS NULL OR last_used_at <= ?)",
                    now, principal.keyId(), workspaceId, threshold));
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Last use of API key '{}' not recorded ({})", principal.keyId(), e.getClass().getSimpleName());
        }
    }

    private void prune(Instant threshold) {
        if (written.size() > PRUNE_ABOVE) {
            written.values().removeIf(at -> !at.isAfter(threshold));
        }
    }
}
