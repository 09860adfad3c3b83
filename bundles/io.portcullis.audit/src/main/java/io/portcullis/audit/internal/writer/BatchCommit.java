package io.portcullis.audit.internal.writer;

import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.internal.Canonical;
import io.portcullis.store.Database;
import io.portcullis.store.Engine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Writes one batch in one transaction: chains each record to its chain's head (sequence, previous
 * hash, {@link Canonical#hash}), inserts them all with one JDBC batch, commits, and only then moves
 * the heads on. The time is stamped once per batch, in microseconds (what both engines keep), and never
 * before the head's time, so a chain's times follow its sequence even if the clock steps back.
 */
final class BatchCommit {

    /** Transaction-local setting the PostgreSQL policies read; {@value #WRITER} admits rows of every chain. */
    static final String SCOPE_SETTING = "portcullis.audit_scope";

    static final String WRITER = "writer";

    private static final String INSERT = "INSERT INTO audit.records (chain, seq, recorded_at, workspace_id,"
            + " actor_kind, actor_id, actor_credential_id, action, target, decision, reason_code, reason_text,"
            + " arguments_hmac, result_status, latency_ms, request_id, prev_hash, hash)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Database database;
    private final Clock clock;
    private final ChainHeads heads = new ChainHeads();

    BatchCommit(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Commits {@code batch} and answers its records in the same order.
     *
     * @throws SQLException when the transaction failed: nothing of the batch was committed and the heads
     *     of its chains will be reloaded
     */
    List<AuditRecord> commit(List<Prepared> batch) throws SQLException {
        Map<String, ChainHeads.Head> next = new HashMap<>();
        List<AuditRecord> records;
        try {
            records = database.inTransaction(connection -> write(connection, batch, next));
        } catch (SQLException | RuntimeException e) {
            // Even a commit that reported failure may have happened: trust only the database.
            heads.forget(batch.stream().map(Prepared::chain).collect(Collectors.toSet()));
            throw e;
        }
        heads.advance(next);
        return records;
    }

    private List<AuditRecord> write(Connection connection, List<Prepared> batch, Map<String, ChainHeads.Head> next)
            throws SQLException {
        next.clear(); // a retried transaction starts over
        if (database.engine() == Engine.POSTGRESQL) {
            try (PreparedStatement scope = connection.prepareStatement("SELECT set_config(?, ?, true)")) {
                scope.setString(1, SCOPE_SETTING);
                scope.setString(2, WRITER);
                scope.execute();
            }
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<AuditRecord> records = new ArrayList<>(batch.size());
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Prepared prepared : batch) {
                ChainHeads.Head head = next.get(prepared.chain());
                if (head == null) {
                    head = heads.of(connection, prepared.chain());
                }
                AuditRecord record = chain(prepared, head, now.isBefore(head.time()) ? head.time() : now);
                bind(insert, record);
                insert.addBatch();
                records.add(record);
                next.put(record.chain(), new ChainHeads.Head(record.sequence(), record.hash(), record.time()));
            }
            insert.executeBatch();
        }
        return records;
    }

    private static AuditRecord chain(Prepared prepared, ChainHeads.Head head, Instant time) {
        AuditRecord unhashed = record(prepared, head, time, "");
        return record(prepared, head, time, Canonical.hash(unhashed));
    }

    private static AuditRecord record(Prepared prepared, ChainHeads.Head head, Instant time, String hash) {
        AuditEvent e = prepared.event();
        return new AuditRecord(
                prepared.chain(),
                head.sequence() + 1,
                time,
                e.workspaceId(),
                e.actor(),
                e.action(),
                e.target(),
                e.decision(),
                e.reasonCode(),
                e.reasonText(),
                prepared.argumentsHmac(),
                e.resultStatus(),
                e.latencyMillis(),
                e.requestId(),
                head.hash(),
                hash);
    }

    private static void bind(PreparedStatement insert, AuditRecord r) throws SQLException {
        insert.setString(1, r.chain());
        insert.setLong(2, r.sequence());
        insert.setObject(3, OffsetDateTime.ofInstant(r.time(), ZoneOffset.UTC));
        insert.setString(4, r.workspaceId());
        insert.setString(5, r.actor().kind());
        insert.setString(6, r.actor().id());
        insert.setString(7, r.actor().credentialId());
        insert.setString(8, r.action());
        insert.setString(9, r.target());
        insert.setString(10, r.decision().id());
        insert.setString(11, r.reasonCode());
        insert.setString(12, r.reasonText());
        insert.setString(13, r.argumentsHmac());
        setNullable(insert, 14, r.resultStatus(), Types.INTEGER);
        setNullable(insert, 15, r.latencyMillis(), Types.BIGINT);
        insert.setString(16, r.requestId());
        insert.setString(17, r.previousHash());
        insert.setString(18, r.hash());
    }

    private static void setNullable(PreparedStatement insert, int index, @Nullable Number value, int type)
            throws SQLException {
        if (value == null) {
            insert.setNull(index, type);
        } else {
            insert.setObject(index, value, type);
        }
    }
}
