package io.portcullis.audit.internal.writer;

import io.portcullis.audit.AuditRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The last committed record of each chain the writer has touched: the sequence number and hash the
 * next record follows, and its time, which the next record's may not precede. A chain is loaded on its
 * first use from its last record, else from the checkpoint pruning left, else it starts at
 * {@link AuditRecord#GENESIS}. Heads advance only after a commit; after a failed batch the chains
 * involved are forgotten and reloaded from the database on their next use, so memory never runs ahead
 * of what is durable. Used by the writer thread only, hence not synchronized.
 *
 * <p>This assumes one writer per database: a second server appending to the same chains would make
 * batches fail on the primary key (chain, seq), and each failure reloads the heads.
 */
final class ChainHeads {

    /** Where a chain stands. */
    record Head(long sequence, String hash, Instant time) {}

    static final Head GENESIS = new Head(0, AuditRecord.GENESIS, Instant.EPOCH);

    private static final String LAST_RECORD = "SELECT seq, hash, recorded_at FROM audit.records WHERE chain = ?"
            + " ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY";
    private static final String CHECKPOINT = "SELECT seq, hash FROM audit.checkpoints WHERE chain = ?";

    private final Map<String, Head> heads = new HashMap<>();

    /** The head of {@code chain}, loaded with {@code connection} if not known yet. */
    Head of(Connection connection, String chain) throws SQLException {
        Head head = heads.get(chain);
        return head != null ? head : load(connection, chain);
    }

    /** Called after a commit with the new heads of the chains it extended. */
    void advance(Map<String, Head> committed) {
        heads.putAll(committed);
    }

    /** Called after a failed batch: these chains are reloaded from the database on their next use. */
    void forget(Collection<String> chains) {
        heads.keySet().removeAll(chains);
    }

    private static Head load(Connection connection, String chain) throws SQLException {
        try (PreparedStatement last = connection.prepareStatement(LAST_RECORD)) {
            last.setString(1, chain);
            try (ResultSet row = last.executeQuery()) {
                if (row.next()) {
                    return new Head(
                            row.getLong(1),
                            row.getString(2),
                            row.getObject(3, OffsetDateTime.class).toInstant());
                }
            }
        }
        try (PreparedStatement checkpoint = connection.prepareStatement(CHECKPOINT)) {
            checkpoint.setString(1, chain);
            try (ResultSet row = checkpoint.executeQuery()) {
                return row.next() ? new Head(row.getLong(1), row.getString(2), Instant.EPOCH) : GENESIS;
            }
        }
    }
}
