package io.portcullis.audit.internal.api;

import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.internal.Witness;
import io.portcullis.audit.internal.Witness.Head;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Compares a chain's tail in the database with the heads the writer witnessed outside it
 * ({@link Witness}): every witnessed head must still be in the log with the same hash, unless pruning
 * took it. A chain whose links are intact can still have lost its last records, or have them rewritten
 * with valid hashes (sequence numbers used twice): only this comparison sees that.
 *
 * <p>Because a record links to its predecessor's hash, a witnessed head that matches vouches for every
 * record before it; so only the last head of each run is looked up (a run ends where the witnessed
 * sequence numbers went back: the database had lost records before), and on a mismatch a binary search
 * over the run finds the last head that still matches, after which the log diverges.
 */
final class WitnessCheck {

    /** Truncated: records that were committed and acknowledged are no longer in the log. */
    static final String TRUNCATED = "truncated";

    /** Rewritten: the log holds other records than those committed under these sequence numbers. */
    static final String REWRITTEN = "rewritten";

    private final RecordPages pages;
    private final Path file;

    WitnessCheck(RecordPages pages, Path file) {
        this.pages = pages;
        this.file = file;
    }

    /** Where the chain's tail departs from its witness, or null when every witnessed head is in place. */
    Verification.@Nullable Broken check(Chain chain) throws SQLException {
        List<Head> heads;
        try {
            heads = Witness.read(file, chain.id());
        } catch (IOException e) {
            throw new UncheckedIOException("the audit witness cannot be read", e);
        }
        Link start = pages.start(chain);
        int runStart = 0;
        for (int i = 0; i < heads.size(); i++) {
            boolean runEnds = i == heads.size() - 1
                    || heads.get(i + 1).sequence() <= heads.get(i).sequence();
            if (runEnds) {
                Verification.Broken broken = checkRun(chain, start, heads.subList(runStart, i + 1));
                if (broken != null) {
                    return broken;
                }
                runStart = i + 1;
            }
        }
        return null;
    }

    private Verification.@Nullable Broken checkRun(Chain chain, Link start, List<Head> run) throws SQLException {
        Head last = run.get(run.size() - 1);
        Optional<AuditRecord> stored = pages.find(chain, last.sequence());
        if (stored.isEmpty()) {
            if (last.sequence() <= start.sequence()) {
                return null; // pruned; the checkpoint carries on the chain
            }
            long tail = pages.lastSequence(chain).orElse(start.sequence());
            if (tail < last.sequence()) {
                return new Verification.Broken(
                        tail + 1,
                        TRUNCATED,
                        "The log ends at record " + tail
                                + ", but records up to " + last.sequence()
                                + " were committed and acknowledged (the witness"
                                + " kept outside the database has record " + last.sequence() + "): the tail was cut.");
            }
        } else if (stored.get().hash().equals(last.hash())) {
            return null;
        }
        // The record under the last head differs: find the last head that still matches.
        int low = 0;
        int high = run.size() - 1; // known not to match
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (matches(chain, start, run.get(middle))) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        long divergesAt =
                low == 0 ? firstAfter(start, run.get(0)) : run.get(low - 1).sequence() + 1;
        return new Verification.Broken(
                divergesAt,
                REWRITTEN,
                "Records from " + divergesAt
                        + " on are not those that were committed: record "
                        + run.get(low).sequence() + " has another hash"
                        + " than the witness kept outside the database holds (sequence numbers were used twice).");
    }

    private boolean matches(Chain chain, Link start, Head head) throws SQLException {
        if (head.sequence() <= start.sequence()) {
            return true; // pruned
        }
        return pages.find(chain, head.sequence())
                .map(r -> r.hash().equals(head.hash()))
                .orElse(false);
    }

    private static long firstAfter(Link start, Head head) {
        return Math.min(head.sequence(), start.sequence() + 1);
    }
}
