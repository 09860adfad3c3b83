package io.portcullis.audit.internal.api;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditUnavailableException;
import io.portcullis.audit.Decision;
import io.portcullis.store.Database;
import io.portcullis.store.Engine;
import io.portcullis.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention pruning of one chain: deletes the prefix of records older than the chain's retention, in
 * batches, each in one transaction that also moves the checkpoint to the last deleted record, so the
 * remaining chain still verifies. Never deletes a chain's newest record: the writer continues from it.
 *
 * <p>Before deleting anything it verifies the prefix (pruning must not launder tampering into a clean
 * checkpoint) and puts an {@code audit.prune} record on the chain (no record, no pruning). On PostgreSQL
 * the server's role holds no DELETE on {@code audit.records}: each batch grants it to itself, deletes
 * and revokes it again inside the batch's transaction, under the {@code 'prune'} audit scope, so the
 * privilege never outlives the transaction, whatever happens in it.
 */
final class Pruner {

    private static final Logger LOG = LoggerFactory.getLogger(Pruner.class);

    static final int BATCH = 5000;
    static final String ACTION = "audit.prune";

    /** What one run deleted: records {@code first..last}. */
    record Pruned(Chain chain, long first, long last, long deleted) {}

    private final Database database;
    private final AuditLog log;
    private final Verifier verifier;
    private final Clock clock;
    private final int batch;

    Pruner(Database database, AuditLog log, Clock clock, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, was " + batch);
        }
        this.database = database;
        this.log = log;
        this.verifier = new Verifier(new RecordPages(database));
        this.clock = clock;
        this.batch = batch;
    }

    /**
     * Prunes {@code chain} to its last {@code days} days. Empty when nothing is old enough, or when the
     * prefix does not verify (logged: the evidence stays).
     */
    Optional<Pruned> prune(Chain chain, int days) throws SQLException, AuditUnavailableException {
        Instant cutoff = clock.instant().minus(Duration.ofDays(days));
        Optional<long[]> range = chain.transaction(database, connection -> prunable(connection, chain, cutoff));
        if (range.isEmpty()) {
            return Optional.empty();
        }
        long first = range.get()[0];
        long last = range.get()[1];
        if (verifier.verify(chain, null, last) instanceof Verification.Broken broken) {
            LOG.warn(
                    "Not pruning audit chain '{}': it is broken at sequence {} ({})",
                    chain.id(),
                    broken.brokenAt(),
                    broken.reason());
            return Optional.empty();
        }
        log.append(new AuditEvent(
                chain.workspaceId(),
                Actor.system("audit"),
                ACTION,
                "records:" + first + "-" + last,
                Decision.ALLOWED,
                null,
                null,
                null,
                null,
                null,
                null));
        long deleted = 0;
        for (long end = Math.min(first + batch - 1, last); ; end = Math.min(end + batch, last)) {
            deleted += deleteThrough(chain, end);
            if (end == last) {
                break;
            }
        }
        return Optional.of(new Pruned(chain, first, last, deleted));
    }

    /** {@code [first, last]} to delete: the records before the cutoff, the newest record excepted. */
    private static Optional<long[]> prunable(Connection connection, Chain chain, Instant cutoff) throws SQLException {
        Optional<long[]> bounds = Jdbc.one(
                        connection,
                        rows -> {
                            long first = rows.getLong(1);
                            long head = rows.getLong(2);
                            long old = rows.getLong(3);
                            return rows.wasNull()
                                    ? Optional.<long[]>empty()
                                    : Optional.of(new long[] {first, Math.min(old, head - 1)});
                        },
                        "SELECT MIN(seq), MAX(seq), MAX(CASE WHEN recorded_at < ? THEN seq END) FROM audit.records"
                                + " WHERE chain = ?",
                        cutoff,
                        chain.id())
                .flatMap(range -> range); // no old record: nothing
        return bounds.filter(range -> range[1] >= range[0]);
    }

    /** One batch: records up to {@code end} go, the checkpoint becomes record {@code end}. */
    private int deleteThrough(Chain chain, long end) throws SQLException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return chain.pruning(database, connection -> {
            Optional<String> hash = Jdbc.one(
                    connection,
                    rows -> rows.getString(1),
                    "SELECT hash FROM audit.records WHERE chain = ? AND seq = ?",
                    chain.id(),
                    end);
            if (hash.isEmpty()) {
                return 0; // pruned meanwhile, by another node
            }
            privilege(connection, "GRANT DELETE ON audit.records TO CURRENT_USER");
            int deleted =
                    Jdbc.update(connection, "DELETE FROM audit.records WHERE chain = ? AND seq <= ?", chain.id(), end);
            privilege(connection, "REVOKE DELETE ON audit.records FROM CURRENT_USER");
            if (Jdbc.update(
                            connection,
                            "UPDATE audit.checkpoints SET seq = ?, hash = ?, pruned_at = ?" + " WHERE chain = ?",
                            end,
                            hash.get(),
                            now,
                            chain.id())
                    == 0) {
                Jdbc.update(
                        connection,
                        "INSERT INTO audit.checkpoints (chain, seq, hash, pruned_at)" + " VALUES (?, ?, ?, ?)",
                        chain.id(),
                        end,
                        hash.get(),
                        now);
            }
            return deleted;
        });
    }

    /** PostgreSQL only: H2 has no such privilege split, the server owns its file. */
    private void privilege(Connection connection, String sql) throws SQLException {
        if (database.engine() == Engine.POSTGRESQL) {
            Jdbc.update(connection, sql);
        }
    }
}
