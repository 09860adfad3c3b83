package io.portcullis.audit.internal.api;

import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.internal.Canonical;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Recomputes a chain over a range of sequence numbers, page by page (constant memory): each record's
 * sequence number follows its predecessor's, its previous hash is its predecessor's hash, and its hash
 * is {@link Canonical#hash} of its fields. The first remaining record follows the checkpoint, or
 * genesis (sequence 0, {@link AuditRecord#GENESIS}) if the chain was never pruned. A range that starts
 * later starts from the stored record before it, which is not itself checked.
 *
 * <p>What no chain can show by itself: records cut from its end, or a tail rewritten with valid hashes
 * (by someone who can write the table, or by a database that lost commits and then reused their
 * sequence numbers). When the whole tail is verified ({@code toSeq} absent) and a witness file is
 * given, the tail is also compared with the heads witnessed outside the database ({@link WitnessCheck}).
 */
final class Verifier {

    private final RecordPages pages;
    private final @Nullable WitnessCheck witness;

    Verifier(RecordPages pages) {
        this(pages, null);
    }

    /** @param witnessFile the writer's {@link io.portcullis.audit.internal.Witness} file, or null for none */
    Verifier(RecordPages pages, @Nullable Path witnessFile) {
        this.pages = pages;
        this.witness = witnessFile == null ? null : new WitnessCheck(pages, witnessFile);
    }

    /** Verifies records {@code fromSeq..toSeq} (both optional, inclusive) of {@code chain}. */
    Verification verify(Chain chain, @Nullable Long fromSeq, @Nullable Long toSeq) throws SQLException {
        long through = toSeq == null ? Long.MAX_VALUE : toSeq;
        Link start = pages.start(chain);
        if (fromSeq != null && fromSeq - 1 > start.sequence()) {
            Optional<AuditRecord> first = pages.next(chain, fromSeq - 1);
            if (first.isEmpty() || first.get().sequence() > through) {
                return new Verification.Intact(0, null, null);
            }
            Optional<AuditRecord> before = pages.find(chain, fromSeq - 1);
            if (before.isEmpty()) {
                return gap(fromSeq - 1, first.get().sequence());
            }
            start = Link.of(before.get());
        }
        Walk walk = new Walk(start);
        try {
            pages.walk(chain, start.sequence(), through, TimeRange.ALL, walk::check);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the walk does no I/O of its own
        }
        if (walk.broken != null) {
            return walk.broken;
        }
        if (toSeq == null && witness != null) {
            Verification.Broken departed = witness.check(chain);
            if (departed != null) {
                return departed;
            }
        }
        if (toSeq != null && walk.expected.sequence() < toSeq) {
            Optional<AuditRecord> after = pages.next(chain, walk.expected.sequence());
            if (after.isPresent()) { // records up to toSeq are missing, yet the chain goes on
                return gap(walk.expected.sequence() + 1, after.get().sequence());
            }
        }
        return walk.checked == 0
                ? new Verification.Intact(0, null, null)
                : new Verification.Intact(walk.checked, walk.first, walk.expected.sequence());
    }

    private static Verification.Broken gap(long missing, long next) {
        return new Verification.Broken(
                missing, Verification.GAP, "Record " + missing + " is missing: the next record is " + next + ".");
    }

    /** The state of one walk along the chain: what the next record must link to, and what was seen. */
    private static final class Walk {

        Link expected;
        long checked;

        @Nullable Long first;

        Verification.@Nullable Broken broken;

        Walk(Link start) {
            this.expected = start;
        }

        boolean check(AuditRecord record) {
            long sequence = expected.sequence() + 1;
            if (record.sequence() != sequence) {
                broken = gap(sequence, record.sequence());
            } else if (!record.previousHash().equals(expected.hash())) {
                broken = new Verification.Broken(
                        sequence,
                        Verification.LINK_MISMATCH,
                        "Record " + sequence
                                + " does not carry the hash of "
                                + (sequence == 1 ? "genesis" : "record " + (sequence - 1)) + ", which precedes it.");
            } else if (!Canonical.hash(record).equals(record.hash())) {
                broken = new Verification.Broken(
                        sequence,
                        Verification.HASH_MISMATCH,
                        "Record " + sequence + " does not match its hash: it was changed after it was written.");
            }
            if (broken != null) {
                return false;
            }
            if (first == null) {
                first = sequence;
            }
            expected = Link.of(record);
            checked++;
            return true;
        }
    }
}
