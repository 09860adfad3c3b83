package io.portcullis.audit.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.internal.Witness;
import io.portcullis.store.testing.TestClock;
import io.portcullis.store.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verify with the witness: a tail that was cut, or rewritten with valid hashes (what a database that
 * lost acknowledged commits and then reused their sequence numbers looks like), is reported where it
 * departs from what was committed; an intact chain, a pruned one and a chain without witness verify.
 */
class H2WitnessVerifierTest {

    static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
    static final String WS = "ws_alpha";

    @TempDir
    Path folder;

    final Chain chain = Chain.workspace(WS);
    TestDatabase db;
    TestChains chains;
    Path file;
    Verifier verifier;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.h2("audit");
        chains = new TestChains(db.database, new TestClock(T0));
        file = folder.resolve(Witness.FILE);
        verifier = new Verifier(new RecordPages(db.database, 5), file);
        appendWitnessed(12, 0); // one batch per record: heads 1..12 witnessed
    }

    @Test
    void anIntactChainAgreesWithItsWitness() throws Exception {
        assertThat(verifier.verify(chain, null, null)).isEqualTo(new Verification.Intact(12, 1L, 12L));
        assertThat(verifier.verify(Chain.workspace("ws_unwitnessed"), null, null))
                .isEqualTo(new Verification.Intact(0, null, null));
    }

    @Test
    void aCutTailIsReportedWhereItWasCut() throws Exception {
        db.tamper("DELETE FROM audit.records WHERE chain = ? AND seq > 10", WS);

        assertThat(new Verifier(new RecordPages(db.database, 5)).verify(chain, null, null))
                .as("the chain alone cannot tell")
                .isEqualTo(new Verification.Intact(10, 1L, 10L));
        Verification verification = verifier.verify(chain, null, null);
        assertThat(verification).isInstanceOf(Verification.Broken.class);
        assertThat(((Verification.Broken) verification).brokenAt()).isEqualTo(11);
        assertThat(((Verification.Broken) verification).reason()).isEqualTo(WitnessCheck.TRUNCATED);
    }

    @Test
    void sequenceNumbersReusedWithOtherContentAreReportedWhereTheyDiverge() throws Exception {
        // The database lost 10..12; the writer went on from 9 and the witness saw the new heads too.
        db.tamper("DELETE FROM audit.records WHERE chain = ? AND seq >= 10", WS);
        appendWitnessed(3, 100);

        assertThat(new Verifier(new RecordPages(db.database, 5)).verify(chain, null, null))
                .as("the chain alone cannot tell")
                .isEqualTo(new Verification.Intact(12, 1L, 12L));
        Verification verification = verifier.verify(chain, null, null);
        assertThat(verification).isInstanceOf(Verification.Broken.class);
        assertThat(((Verification.Broken) verification).brokenAt()).isEqualTo(10);
        assertThat(((Verification.Broken) verification).reason()).isEqualTo(WitnessCheck.REWRITTEN);
        assertThat(verifier.verify(chain, 1L, 12L))
                .as("a bounded range is the chain's check only")
                .isEqualTo(new Verification.Intact(12, 1L, 12L));
    }

    @Test
    void aPrunedHeadIsNotAsked() throws Exception {
        db.tamper(
                "INSERT INTO audit.checkpoints (chain, seq, hash, pruned_at) VALUES (?, 4, ?, ?)",
                WS,
                written(4).hash(),
                java.time.OffsetDateTime.parse("2024-06-01T00:00:00Z"));
        db.tamper("DELETE FROM audit.records WHERE chain = ? AND seq <= 4", WS);
        try (Witness witness = Witness.open(file)) {
            witness.append(List.of(
                    new Witness.Head(WS, 3, "0".repeat(64)),
                    new Witness.Head(WS, 12, written(12).hash())));
        }
        assertThat(verifier.verify(chain, null, null)).isEqualTo(new Verification.Intact(8, 5L, 12L));
    }

    private List<AuditRecord> stored;

    private AuditRecord written(int sequence) {
        return stored.get(sequence - 1);
    }

    private void appendWitnessed(int count, int eventOffset) throws Exception {
        try (Witness witness = Witness.open(file)) {
            for (int n = 0; n < count; n++) {
                int event = eventOffset + n;
                AuditRecord record = chains.append(
                                chain, 1, i -> TestChains.event(chain, event), i -> T0.plus(Duration.ofSeconds(event)))
                        .get(0);
                witness.append(List.of(new Witness.Head(record.chain(), record.sequence(), record.hash())));
                if (eventOffset == 0) {
                    stored = stored == null ? new java.util.ArrayList<>() : stored;
                    stored.add(record);
                }
            }
        }
    }
}
