package io.portcullis.audit.internal.api;

import io.portcullis.audit.AuditRecord;
import io.portcullis.store.Database;
import io.portcullis.store.Jdbc;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Reads a chain in sequence order, a keyset page ({@code WHERE seq > ? ORDER BY seq LIMIT n}) per
 * short transaction, so that exporting or verifying a chain of any length holds one page in memory
 * and no connection while the caller works on it (writes to a slow client, say).
 */
final class RecordPages {

    /** Rows per query: large enough that round trips do not dominate, small enough to hold. */
    static final int PAGE_SIZE = 500;

    /** What is done with each record, in sequence order; false stops the walk. */
    @FunctionalInterface
    interface Visitor {
        boolean visit(AuditRecord record) throws IOException;
    }

    private final Database database;
    private final int pageSize;

    RecordPages(Database database) {
        this(database, PAGE_SIZE);
    }

    RecordPages(Database database, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1, was " + pageSize);
        }
        this.database = database;
        this.pageSize = pageSize;
    }

    /**
     * Visits the chain's records with a sequence number above {@code after} and at most {@code through},
     * within {@code times}, oldest first, until none is left or the visitor says stop.
     */
    void walk(Chain chain, long after, long through, TimeRange times, Visitor visitor)
            throws SQLException, IOException {
        long last = after;
        while (true) {
            List<AuditRecord> page = page(chain, last, through, times);
            for (AuditRecord record : page) {
                if (!visitor.visit(record)) {
                    return;
                }
                last = record.sequence();
            }
            if (page.size() < pageSize) {
                return;
            }
        }
    }

    /** The first record with a sequence number above {@code after}, if any. */
    Optional<AuditRecord> next(Chain chain, long after) throws SQLException {
        return chain.transaction(
                database,
                connection -> Jdbc.one(
                        connection,
                        RecordRows::read,
                        "SELECT " + RecordRows.COLUMNS + " FROM audit.records WHERE chain = ? AND seq > ? ORDER BY seq"
                                + " LIMIT 1",
                        chain.id(),
                        after));
    }

    Optional<AuditRecord> find(Chain chain, long sequence) throws SQLException {
        return chain.transaction(
                database,
                connection -> Jdbc.one(
                        connection,
                        RecordRows::read,
                        "SELECT " + RecordRows.COLUMNS + " FROM audit.records WHERE chain = ? AND seq = ?",
                        chain.id(),
                        sequence));
    }

    /** The chain's highest stored sequence number, if it has any record left. */
    Optional<Long> lastSequence(Chain chain) throws SQLException {
        return chain.transaction(
                database,
                connection -> Jdbc.one(
                        connection,
                        rows -> rows.getLong(1),
                        "SELECT seq FROM audit.records WHERE chain = ? ORDER BY seq DESC LIMIT 1",
                        chain.id()));
    }

    /** What the chain's first remaining record must link to: its checkpoint, else genesis. */
    Link start(Chain chain) throws SQLException {
        return chain.transaction(
                        database,
                        connection -> Jdbc.one(
                                connection,
                                rows -> new Link(rows.getLong("seq"), rows.getString("hash")),
                                "SELECT seq, hash FROM audit.checkpoints WHERE chain = ?",
                                chain.id()))
                .orElse(Link.GENESIS);
    }

    private List<AuditRecord> page(Chain chain, long after, long through, TimeRange times) throws SQLException {
        Conditions where =
                times.restrict(new Conditions(chain.id()).and("seq > ?", after).and("seq <= ?", through));
        return chain.transaction(
                database,
                connection -> Jdbc.list(
                        connection,
                        RecordRows::read,
                        "SELECT " + RecordRows.COLUMNS + " FROM audit.records" + where.sql() + " ORDER BY seq LIMIT ?",
                        where.parameters(pageSize).toArray()));
    }
}
