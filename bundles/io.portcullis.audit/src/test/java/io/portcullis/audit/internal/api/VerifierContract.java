package io.portcullis.audit.internal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.audit.AuditRecord;
import io.portcullis.store.testing.TestClock;
import io.portcullis.store.testing.TestDatabase;
import io.portcullis.web.ProblemException;
import io.portcullis.web.testing.TestCaller;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Verify finds the first broken record and why, whatever was done to the table: a field changed, a
 * record deleted, inserted or two reordered. Tampering runs as the database's superuser (H2: the same
 * connection), because the server's own role cannot update or delete records.
 */
abstract class VerifierContract {

    static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
    static final String WS = "ws_alpha";
    static final int COUNT = 12;

    final Chain chain = Chain.workspace(WS);
    TestDatabase db;
    TestChains chains;
    Verifier verifier;
    List<AuditRecord> written;

    abstract TestDatabase database() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        db = database();
        chains = new TestChains(db.database, new TestClock(T0));
        // small pages, so that breaks are found across page boundaries too
        verifier = new Verifier(new RecordPages(db.database, 5));
        written = chains.append(chain, COUNT, T0, Duration.ofSeconds(1));
    }

    @Test
    void anIntactChainVerifies() throws Exception {
        assertThat(verify(null, null)).isEqualTo(new Verification.Intact(COUNT, 1L, (long) COUNT));
        assertThat(verify(3L, 7L)).isEqualTo(new Verification.Intact(5, 3L, 7L));
        assertThat(verify(12L, null)).isEqualTo(new Verification.Intact(1, 12L, 12L));
        assertThat(verify(13L, 20L)).isEqualTo(new Verification.Intact(0, null, null));
        assertThat(verifier.verify(Chain.workspace("ws_empty"), null, null))
                .isEqualTo(new Verification.Intact(0, null, null));
    }

    @ParameterizedTest
    @CsvSource({
        "recorded_at, hash_mismatch", "actor_kind, hash_mismatch", "actor_id, hash_mismatch",
        "actor_credential_id, hash_mismatch", "action, hash_mismatch", "target, hash_mismatch",
        "decision, hash_mismatch", "reason_code, hash_mismatch", "reason_text, hash_mismatch",
        "arguments_hmac, hash_mismatch", "result_status, hash_mismatch", "latency_ms, hash_mismatch",
        "request_id, hash_mismatch", "hash, hash_mismatch", "prev_hash, link_mismatch"
    })
    void changingAnyFieldBreaksTheChainThere(String column, String reason) throws Exception {
        db.tamper("UPDATE audit.records SET " + column + " = ? WHERE chain = ? AND seq = 7", changed(column), WS);

        assertBroken(verify(null, null), 7, reason);
        assertBroken(verify(7L, 7L), 7, reason);
        assertThat(verify(1L, 6L)).isEqualTo(new Verification.Intact(6, 1L, 6L));
    }

    @Test
    void deletingARecordLeavesAGapThere() throws Exception {
        db.tamper("DELETE FROM audit.records WHERE chain = ? AND seq = 5", WS);
        assertBroken(verify(null, null), 5, Verification.GAP);
        assertBroken(verify(6L, null), 5, Verification.GAP); // the range's predecessor is missing

        db.tamper("DELETE FROM audit.records WHERE chain = ? AND seq = 1", WS);
        assertBroken(verify(null, null), 1, Verification.GAP);
    }

    @Test
    void deletingRecordsBeforeTheRangesEndIsAGap() throws Exception {
        db.tamper("DELETE FROM audit.records WHERE chain = ? AND seq IN (9, 10)", WS);

        assertBroken(verify(7L, 10L), 9, Verification.GAP);
        assertBroken(verify(null, null), 9, Verification.GAP);
    }

    @Test
    void insertingAForgedRecordBreaksTheLinkAfterIt() throws Exception {
        // make room at 6 and put a record there that links to 5 and carries its own valid hash
        db.tamper("UPDATE audit.records SET seq = seq + 1000 WHERE chain = ? AND seq >= 6", WS);
        db.tamper("UPDATE audit.records SET seq = seq - 999 WHERE chain = ? AND seq >= 1000", WS);
        AuditRecord forged =
                TestChains.chained(chain, Link.of(written.get(4)), TestChains.event(chain, 99), T0.plusMillis(5500));
        insert(forged);

        assertBroken(verify(null, null), 7, Verification.LINK_MISMATCH);
    }

    @Test
    void appendingAnUnchainedRecordIsFound() throws Exception {
        AuditRecord stranger = TestChains.chained(
                chain, new Link(COUNT, "f".repeat(64)), TestChains.event(chain, 1), T0.plus(Duration.ofHours(1)));
        insert(stranger);

        assertBroken(verify(null, null), COUNT + 1, Verification.LINK_MISMATCH);
    }

    @Test
    void reorderingTwoRecordsBreaksAtTheFirst() throws Exception {
        db.tamper("UPDATE audit.records SET seq = 1000 WHERE chain = ? AND seq = 8", WS);
        db.tamper("UPDATE audit.records SET seq = 8 WHERE chain = ? AND seq = 9", WS);
        db.tamper("UPDATE audit.records SET seq = 9 WHERE chain = ? AND seq = 1000", WS);

        assertBroken(verify(null, null), 8, Verification.LINK_MISMATCH);
    }

    @Test
    void theFirstRecordMustFollowTheCheckpoint() throws Exception {
        db.tamper("DELETE FROM audit.records WHERE chain = ? AND seq <= 4", WS);
        db.tamper(
                "INSERT INTO audit.checkpoints (chain, seq, hash, pruned_at) VALUES (?, 4, ?, ?)",
                WS,
                written.get(3).hash(),
                T0.atOffset(ZoneOffset.UTC));
        assertThat(verify(null, null)).isEqualTo(new Verification.Intact(COUNT - 4, 5L, (long) COUNT));
        assertThat(verify(2L, 6L)).isEqualTo(new Verification.Intact(2, 5L, 6L));

        db.tamper("UPDATE audit.checkpoints SET hash = ? WHERE chain = ?", "0".repeat(63) + "1", WS);
        assertBroken(verify(null, null), 5, Verification.LINK_MISMATCH);

        db.tamper("DELETE FROM audit.checkpoints WHERE chain = ?", WS);
        assertBroken(verify(null, null), 1, Verification.GAP);
    }

    @Test
    void theVerifyRouteAnswersAndValidates() throws Exception {
        Api api = new Api(db.database, new TestClock(T0));
        TestCaller member = TestCaller.member(WS);
        assertThat(Api.json(api.get(member, "/verify", Map.of())))
                .containsExactly(
                        Map.entry("ok", true),
                        Map.entry("checked", COUNT),
                        Map.entry("first_sequence", 1),
                        Map.entry("last_sequence", COUNT));

        db.tamper("UPDATE audit.records SET target = 'elsewhere' WHERE chain = ? AND seq = 3", WS);
        Map<String, Object> broken = Api.json(api.get(member, "/verify", Map.of("from_seq", "2")));
        assertThat(broken)
                .containsEntry("ok", false)
                .containsEntry("broken_at", 3)
                .containsEntry("reason", "hash_mismatch")
                .containsKey("detail");

        for (Map<String, String> query : List.of(
                Map.of("from_seq", "0"),
                Map.of("to_seq", "x"),
                Map.of("from_seq", "5", "to_seq", "4"),
                Map.of("to_seq", "9".repeat(19)))) {
            assertThatThrownBy(() -> api.get(member, "/verify", query))
                    .isInstanceOfSatisfying(
                            ProblemException.class, p -> assertThat(p.status()).isEqualTo(400));
        }
    }

    private Verification verify(@Nullable Long from, @Nullable Long to) throws Exception {
        return verifier.verify(chain, from, to);
    }

    private static void assertBroken(Verification verification, long at, String reason) {
        assertThat(verification).isInstanceOfSatisfying(Verification.Broken.class, broken -> {
            assertThat(broken.brokenAt()).as("broken at").isEqualTo(at);
            assertThat(broken.reason()).isEqualTo(reason);
            assertThat(broken.ok()).isFalse();
        });
    }

    private void insert(AuditRecord record) throws Exception {
        try (var connection = db.admin.getConnection();
                var insert = connection.prepareStatement("INSERT INTO audit.records (" + RecordRows.COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            TestChains.bind(insert, record);
            insert.executeUpdate();
        }
    }

    private static Object changed(String column) {
        return switch (column) {
            case "recorded_at" -> T0.plusMillis(6001).atOffset(ZoneOffset.UTC);
            case "decision" -> "denied"; // record 7 was allowed
            case "result_status", "latency_ms" -> 999;
            case "arguments_hmac", "hash", "prev_hash" -> "c".repeat(64);
            default -> "changed";
        };
    }
}
