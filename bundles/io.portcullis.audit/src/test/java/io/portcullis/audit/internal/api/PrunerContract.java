package io.portcullis.audit.internal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.AuditUnavailableException;
import io.portcullis.audit.Decision;
import io.portcullis.store.Jdbc;
import io.portcullis.store.testing.TestClock;
import io.portcullis.store.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retention pruning deletes the old prefix of a chain, moves the checkpoint, records itself on the
 * chain, and leaves a chain that still verifies; it never deletes a chain's newest record, nor prunes a
 * chain that does not verify or a prune that cannot be recorded. Runs without the scheduler.
 */
abstract class PrunerContract {

    static final Instant NOW = Instant.parse("2024-06-30T12:00:00Z");
    static final String WS = "ws_alpha";
    static final String OTHER = "ws_beta";

    final Chain chain = Chain.workspace(WS);
    TestDatabase db;
    TestClock clock;
    TestChains chains;
    Retention retention;
    Verifier verifier;

    abstract TestDatabase database() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        db = database();
        clock = new TestClock(NOW);
        chains = new TestChains(db.database, clock);
        retention = new Retention(db.database, clock);
        verifier = new Verifier(new RecordPages(db.database));
    }

    @Test
    void pruningDeletesTheOldPrefixKeepsACheckpointAndTheChainStillVerifies() throws Exception {
        List<AuditRecord> old = chains.append(chain, 10, NOW.minus(Duration.ofDays(40)), Duration.ofDays(1));
        chains.append(chain, 5, NOW.minus(Duration.ofDays(5)), Duration.ofDays(1));
        retention.set(chain, 30);

        List<Pruner.Pruned> pruned = new AuditPruning(db.database, chains, clock).runOnce();

        assertThat(pruned).containsExactly(new Pruner.Pruned(chain, 1, 10, 10));
        assertThat(checkpoint(chain)).contains(Link.of(old.get(9)));
        assertThat(verifier.verify(chain, null, null)).isEqualTo(new Verification.Intact(6, 11L, 16L));
        AuditRecord record = new RecordPages(db.database).find(chain, 16).orElseThrow();
        assertThat(record.action()).isEqualTo("audit.prune");
        assertThat(record.target()).isEqualTo("records:1-10");
        assertThat(record.actor()).isEqualTo(Actor.system("audit"));
        assertThat(record.workspaceId()).isEqualTo(WS);
        assertThat(record.decision()).isEqualTo(Decision.ALLOWED);

        assertThat(new AuditPruning(db.database, chains, clock).runOnce()).isEmpty(); // nothing more is old
    }

    @Test
    void aSecondPruneMovesTheCheckpointOn() throws Exception {
        List<AuditRecord> written = chains.append(chain, 20, NOW.minus(Duration.ofDays(40)), Duration.ofDays(1));
        Pruner pruner = new Pruner(db.database, chains, clock, 3); // batches of 3: 4 + 2 transactions
        assertThat(pruner.prune(chain, 30)).contains(new Pruner.Pruned(chain, 1, 10, 10));
        assertThat(checkpoint(chain)).contains(Link.of(written.get(9)));

        clock.advance(Duration.ofDays(5));

        assertThat(pruner.prune(chain, 30)).contains(new Pruner.Pruned(chain, 11, 15, 5));
        assertThat(checkpoint(chain)).contains(Link.of(written.get(14)));
        assertThat(verifier.verify(chain, null, null)).isEqualTo(new Verification.Intact(7, 16L, 22L));
    }

    @Test
    void theNewestRecordIsNeverPruned() throws Exception {
        List<AuditRecord> old = chains.append(chain, 5, NOW.minus(Duration.ofDays(90)), Duration.ofDays(1));
        Pruner pruner = new Pruner(db.database, chains, clock, 2);

        assertThat(pruner.prune(chain, 1)).contains(new Pruner.Pruned(chain, 1, 4, 4));

        assertThat(new RecordPages(db.database).find(chain, 5)).contains(old.get(4));
        assertThat(verifier.verify(chain, null, null)).isEqualTo(new Verification.Intact(2, 5L, 6L));
        // the head is now the prune record; the one before it is old, the head itself is not deleted
        assertThat(pruner.prune(chain, 1)).contains(new Pruner.Pruned(chain, 5, 5, 1));
        assertThat(pruner.prune(chain, 1)).isEmpty();
        assertThat(verifier.verify(chain, null, null)).isEqualTo(new Verification.Intact(2, 6L, 7L));
    }

    @Test
    void onlyChainsWithARetentionArePrunedEachByItsOwn() throws Exception {
        chains.append(chain, 4, NOW.minus(Duration.ofDays(40)), Duration.ofDays(10));
        chains.append(Chain.workspace(OTHER), 4, NOW.minus(Duration.ofDays(40)), Duration.ofDays(10));
        chains.append(Chain.platform(), 4, NOW.minus(Duration.ofDays(40)), Duration.ofDays(10));
        retention.set(chain, 15); // records at -40, -30, -20 are older
        retention.set(Chain.platform(), 35); // only the one at -40

        List<Pruner.Pruned> pruned = new AuditPruning(db.database, chains, clock).runOnce();

        assertThat(pruned)
                .containsExactlyInAnyOrder(
                        new Pruner.Pruned(chain, 1, 3, 3), new Pruner.Pruned(Chain.platform(), 1, 1, 1));
        assertThat(checkpoint(Chain.workspace(OTHER))).isEmpty();
        assertThat(verifier.verify(Chain.workspace(OTHER), null, null)).isEqualTo(new Verification.Intact(4, 1L, 4L));
        assertThat(verifier.verify(Chain.platform(), null, null)).isEqualTo(new Verification.Intact(4, 2L, 5L));
        assertThat(verifier.verify(chain, null, null)).isEqualTo(new Verification.Intact(2, 4L, 5L));
    }

    @Test
    void aChainThatDoesNotVerifyIsNotPruned() throws Exception {
        chains.append(chain, 6, NOW.minus(Duration.ofDays(40)), Duration.ofDays(1));
        db.tamper("UPDATE audit.records SET reason_text = 'rewritten' WHERE chain = ? AND seq = 3", WS);

        assertThat(new Pruner(db.database, chains, clock, 100).prune(chain, 30)).isEmpty();

        assertThat(checkpoint(chain)).isEmpty();
        Verification verification = verifier.verify(chain, null, null);
        assertThat(verification).isInstanceOf(Verification.Broken.class);
        assertThat(((Verification.Broken) verification).brokenAt()).isEqualTo(3);
        assertThat(new RecordPages(db.database).find(chain, 7)).isEmpty(); // no prune record either
    }

    @Test
    void aPruneThatCannotBeRecordedDeletesNothing() throws Exception {
        chains.append(chain, 6, NOW.minus(Duration.ofDays(40)), Duration.ofDays(1));
        AuditLog down = new AuditLog() {
            @Override
            public AuditRecord append(AuditEvent event) throws AuditUnavailableException {
                throw new AuditUnavailableException("writer down");
            }

            @Override
            public boolean writable() {
                return false;
            }
        };

        assertThatThrownBy(() -> new Pruner(db.database, down, clock, 100).prune(chain, 30))
                .isInstanceOf(AuditUnavailableException.class);
        retention.set(chain, 30);
        assertThat(new AuditPruning(db.database, down, clock).runOnce()).isEmpty();

        assertThat(checkpoint(chain)).isEmpty();
        assertThat(verifier.verify(chain, null, null)).isEqualTo(new Verification.Intact(6, 1L, 6L));
    }

    Optional<Link> checkpoint(Chain of) throws Exception {
        return of.transaction(
                db.database,
                connection -> Jdbc.one(
                        connection,
                        rows -> new Link(rows.getLong("seq"), rows.getString("hash")),
                        "SELECT seq, hash FROM audit.checkpoints WHERE chain = ?",
                        of.id()));
    }
}
