package io.portcullis.audit.internal.api;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.Decision;
import io.portcullis.audit.internal.Canonical;
import io.portcullis.store.Database;
import io.portcullis.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Puts records on a chain the way the writer does, with plain JDBC: the next sequence number after the
 * chain's head (its last record, else its checkpoint, else 0), the head's hash as the previous hash, and
 * {@link Canonical#hash}. On PostgreSQL it inserts under the writer's audit scope. Also an
 * {@link AuditLog} (stamped by the clock), so the pruner's own record lands on the chain.
 */
final class TestChains implements AuditLog {

    static final String WRITER_SCOPE = "writer";

    private final Database database;
    private final Clock clock;

    TestChains(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** An event with every field set, text with characters JSON must escape. */
    static AuditEvent event(Chain chain, long n) {
        return new AuditEvent(
                chain.workspaceId(),
                new Actor(Actor.API_KEY, "key-" + (n % 3), "cred-" + n),
                n % 2 == 0 ? "http.request" : "tool.invoke",
                "target:" + (n % 5),
                Decision.values()[(int) (n % 3)],
                "code_" + n,
                "Reason \"" + n + "\"\n\tünïcødé ✓ \\ \u0001",
                n % 2 == 0 ? "{\"a\":1}" : null,
                (int) (200 + n % 300),
                n,
                "req-" + n);
    }

    /** Appends {@code count} records, the n-th (from 0) at {@code start + n * step}, in batches. */
    List<AuditRecord> append(Chain chain, int count, Instant start, Duration step) throws SQLException {
        return append(chain, count, n -> event(chain, n), n -> start.plus(step.multipliedBy(n)));
    }

    List<AuditRecord> append(Chain chain, int count, LongFunction<AuditEvent> events, LongFunction<Instant> times)
            throws SQLException {
        return Chain.inScope(database, WRITER_SCOPE, connection -> {
            Link head = head(connection, chain);
            List<AuditRecord> records = new ArrayList<>(count);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit.records ("
                    + RecordRows.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int n = 0; n < count; n++) {
                    AuditRecord record = chained(chain, head, events.apply(n), times.apply(n));
                    bind(insert, record);
                    insert.addBatch();
                    head = Link.of(record);
                    records.add(record);
                    if (n % 1000 == 999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            return records;
        });
    }

    @Override
    public AuditRecord append(AuditEvent event) {
        Chain chain = event.workspaceId() == null ? Chain.platform() : Chain.workspace(event.workspaceId());
        try {
            return append(chain, 1, n -> event, n -> clock.instant()).get(0);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean writable() {
        return true;
    }

    static AuditRecord chained(Chain chain, Link head, AuditEvent e, Instant time) {
        AuditRecord unhashed = new AuditRecord(
                chain.id(),
                head.sequence() + 1,
                time.truncatedTo(ChronoUnit.MICROS),
                e.workspaceId(),
                e.actor(),
                e.action(),
                e.target(),
                e.decision(),
                e.reasonCode(),
                e.reasonText(),
                e.arguments() == null ? null : "ab".repeat(32),
                e.resultStatus(),
                e.latencyMillis(),
                e.requestId(),
                head.hash(),
                "");
        return withHash(unhashed, Canonical.hash(unhashed));
    }

    static AuditRecord withHash(AuditRecord r, String hash) {
        return new AuditRecord(
                r.chain(),
                r.sequence(),
                r.time(),
                r.workspaceId(),
                r.actor(),
                r.action(),
                r.target(),
                r.decision(),
                r.reasonCode(),
                r.reasonText(),
                r.argumentsHmac(),
                r.resultStatus(),
                r.latencyMillis(),
                r.requestId(),
                r.previousHash(),
                hash);
    }

    private static Link head(Connection connection, Chain chain) throws SQLException {
        return Jdbc.one(
                        connection,
                        rows -> new Link(rows.getLong(1), rows.getString(2)),
                        "SELECT seq, hash FROM audit.records WHERE chain = ? ORDER BY seq DESC LIMIT 1",
                        chain.id())
                .or(() -> {
                    try {
                        return Jdbc.one(
                                connection,
                                rows -> new Link(rows.getLong(1), rows.getString(2)),
                                "SELECT seq, hash FROM audit.checkpoints WHERE chain = ?",
                                chain.id());
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .orElse(Link.GENESIS);
    }

    static void bind(PreparedStatement insert, AuditRecord r) throws SQLException {
        Object[] values = {
            r.chain(),
            r.sequence(),
            r.time().atOffset(ZoneOffset.UTC),
            r.workspaceId(),
            r.actor().kind(),
            r.actor().id(),
            r.actor().credentialId(),
            r.action(),
            r.target(),
            r.decision().id(),
            r.reasonCode(),
            r.reasonText(),
            r.argumentsHmac(),
            r.resultStatus(),
            r.latencyMillis(),
            r.requestId(),
            r.previousHash(),
            r.hash()
        };
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                insert.setNull(i + 1, Types.NULL);
            } else {
                insert.setObject(i + 1, values[i]);
            }
        }
    }
}
