package io.portcullis.audit.internal.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.AuditUnavailableException;
import io.portcullis.audit.Decision;
import io.portcullis.audit.internal.Canonical;
import io.portcullis.store.Engine;
import io.portcullis.store.testing.TestDatabase;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the group-commit writer promises, run against each engine by a subclass. */
abstract class WriterContract {

    static final WriterSettings DEFAULTS = WriterSettings.of(5000, 1000, 100_000);
    /** Marks every text it sees, so a test can tell which fields went through it. */
    static final UnaryOperator<String> REDACTOR = text -> "<" + text.replace("secret", "[REDACTED]") + ">";

    TestDatabase db;
    GatedDatabase gated;
    final TestKeys keys = new TestKeys();
    private final List<AuditWriter> writers = new ArrayList<>();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    abstract Engine engine();

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.of(engine(), "audit");
        gated = new GatedDatabase(db.database);
    }

    @AfterEach
    void tearDown() {
        gated.release();
        writers.forEach(AuditWriter::close);
        callers.shutdownNow();
    }

    AuditWriter writer(WriterSettings settings) {
        AuditWriter writer = new AuditWriter(gated, REDACTOR, keys, settings, Clock.systemUTC());
        writers.add(writer);
        return writer;
    }

    static AuditEvent event(@Nullable String workspaceId, String reason) {
        return new AuditEvent(
                workspaceId,
                new Actor(Actor.MEMBER, "member-1", null),
                "tool.invoke",
                "tool:echo",
                Decision.ALLOWED,
                null,
                reason,
                null,
                200,
                3L,
                "req-" + reason);
    }

    Future<AuditRecord> appendAsync(AuditWriter writer, AuditEvent event) {
        return callers.submit(() -> writer.append(event));
    }

    List<AuditRecord> stored() throws Exception {
        return StoredRecords.all(db.database);
    }

    @Test
    void concurrentAppendsMakeGapFreeChainsWithValidHashes() throws Exception {
        AuditWriter writer = writer(DEFAULTS);
        String[] workspaces = {"ws_a", "ws_b", "ws_c", null};
        int threads = 16;
        int each = 150;
        ConcurrentLinkedQueue<AuditRecord> acknowledged = new ConcurrentLinkedQueue<>();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            running.add(callers.submit(() -> {
                for (int i = 0; i < each; i++) {
                    acknowledged.add(
                            writer.append(event(workspaces[(thread + i) % workspaces.length], thread + "/" + i)));
                }
                return null;
            }));
        }
        for (Future<?> done : running) {
            done.get(60, TimeUnit.SECONDS);
        }

        List<AuditRecord> stored = stored();
        assertThat(stored).hasSize(threads * each).containsExactlyInAnyOrderElementsOf(acknowledged);
        assertValidChains(stored);
        assertThat(stored.stream().map(AuditRecord::chain).distinct())
                .containsExactlyInAnyOrder("ws_a", "ws_b", "ws_c", AuditRecord.PLATFORM_CHAIN);
        assertThat(writer.writable()).isTrue();
    }

    @Test
    void anAppendReturnsOnlyAfterItsBatchCommitted() throws Exception {
        AuditWriter writer = writer(DEFAULTS);
        gated.hold();
        Future<AuditRecord> appended = appendAsync(writer, event("ws_a", "held"));
        gated.awaitHeldCommit();

        assertThat(appended).isNotDone();
        assertThat(stored()).isEmpty();

        gated.release();
        AuditRecord record = appended.get(30, TimeUnit.SECONDS);
        assertThat(stored()).containsExactly(record);
    }

    @Test
    void aFailingDatabaseFailsEveryCallerThenTheLogRecovers() throws Exception {
        AuditWriter writer = writer(DEFAULTS);
        AuditRecord first = writer.append(event("ws_a", "before"));
        gated.failing = true;

        List<Future<AuditRecord>> failing = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            failing.add(appendAsync(writer, event(i % 2 == 0 ? "ws_a" : null, "down " + i)));
        }
        for (Future<AuditRecord> call : failing) {
            assertThatThrownBy(() -> call.get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(AuditUnavailableException.class)
                    .hasMessage(
                            "audit: the record's batch could not be committed (SQLException); nothing was recorded");
        }
        assertThat(writer.writable()).isFalse();
        assertThat(writer.problem()).isEqualTo("last batch failed: SQLException");

        gated.failing = false;
        AuditRecord after = writer.append(event("ws_a", "after"));
        assertThat(writer.writable()).isTrue();
        assertThat(writer.problem()).isNull();
        assertThat(after.sequence()).isEqualTo(2);
        assertThat(after.previousHash()).isEqualTo(first.hash());
        assertThat(stored()).containsExactly(first, after);
    }

    @Test
    void aBatchRolledBackAfterItsInsertsLeavesNoGapInTheChain() throws Exception {
        AuditWriter writer = writer(DEFAULTS);
        AuditRecord first = writer.append(event("ws_a", "one"));
        gated.failingAfterWork = true;
        assertThatThrownBy(() -> writer.append(event("ws_a", "lost"))).isInstanceOf(AuditUnavailableException.class);
        assertThatThrownBy(() -> writer.append(event(null, "lost too"))).isInstanceOf(AuditUnavailableException.class);
        gated.failingAfterWork = false;

        AuditRecord second = writer.append(event("ws_a", "two"));
        AuditRecord platform = writer.append(event(null, "three"));

        assertThat(second.sequence()).isEqualTo(2);
        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(platform.sequence()).isEqualTo(1);
        assertThat(stored()).containsExactly(platform, first, second);
        assertValidChains(stored());
    }

    @Test
    void aCommitThatReportedFailureButHappenedIsReloadedFromTheDatabase() throws Exception {
        AuditWriter writer = writer(DEFAULTS);
        writer.append(event("ws_a", "one"));
        gated.failingAfterCommit = true;
        assertThatThrownBy(() -> writer.append(event("ws_a", "refused but committed")))
                .isInstanceOf(AuditUnavailableException.class);
        gated.failingAfterCommit = false;

        AuditRecord next = writer.append(event("ws_a", "three"));

        assertThat(next.sequence()).isEqualTo(3);
        assertThat(stored()).hasSize(3);
        assertValidChains(stored());
    }

    @Test
    void aCallerThatWaitedTooLongIsRefusedAndItsUntakenAppendSkipped() throws Exception {
        AuditWriter writer = writer(WriterSettings.of(300, 1000, 100));
        gated.hold();
        Future<AuditRecord> taken = appendAsync(writer, event("ws_a", "taken"));
        gated.awaitHeldCommit();

        assertThatThrownBy(() -> writer.append(event("ws_a", "queued")))
                .isInstanceOf(AuditUnavailableException.class)
                .hasMessage("audit: the record was not committed in time; nothing was recorded");
        assertThatThrownBy(() -> taken.get(30, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(AuditUnavailableException.class)
                .hasMessage("audit: the record was not committed in time; its batch may still commit it");

        gated.release();
        AuditRecord next = writer.append(event("ws_a", "next"));
        List<AuditRecord> stored = stored();
        assertThat(stored).extracting(AuditRecord::reasonText).containsExactly("<taken>", "<next>");
        assertThat(next.sequence()).isEqualTo(2);
        assertValidChains(stored);
    }

    @Test
    void aQueueOverNinetyPercentFullMakesTheLogUnhealthy() throws Exception {
        AuditWriter writer = writer(WriterSettings.of(60_000, 1000, 10));
        gated.hold();
        List<Future<AuditRecord>> appends = new ArrayList<>();
        appends.add(appendAsync(writer, event("ws_a", "held")));
        gated.awaitHeldCommit();
        for (int i = 0; i < 10; i++) {
            appends.add(appendAsync(writer, event("ws_a", "queued " + i)));
        }
        await(() -> writer.queued() == 10);

        assertThat(writer.problem()).isEqualTo("queue 100% full");
        assertThat(writer.writable()).isFalse();

        gated.release();
        for (Future<AuditRecord> append : appends) {
            append.get(30, TimeUnit.SECONDS);
        }
        assertThat(writer.problem()).isNull();
        assertThat(stored()).hasSize(11);
    }

    @Test
    void everyTextFieldIsRedactedAndTheArgumentsAreStoredOnlyAsTheirHmac() throws Exception {
        AuditWriter writer = writer(DEFAULTS);
        String arguments = "{\"query\":\"secret-value-123\"}";
        AuditEvent event = new AuditEvent(
                "ws_a",
                new Actor(Actor.API_KEY, "key-7", "cred-9"),
                "credential.use",
                "credential:secret-cred",
                Decision.DENIED,
                "forbidden",
                "not for secret eyes",
                arguments,
                403,
                12L,
                "req-42");

        AuditRecord record = writer.append(event);
        AuditRecord platform = writer.append(new AuditEvent(
                null,
                Actor.system("retention"),
                "audit.prune",
                null,
                Decision.ALLOWED,
                null,
                null,
                arguments,
                null,
                null,
                null));

        assertThat(stored()).containsExactly(platform, record);
        assertThat(record.actor()).isEqualTo(new Actor(Actor.API_KEY, "<key-7>", "<cred-9>"));
        assertThat(record.action()).isEqualTo("credential.use");
        assertThat(record.target()).isEqualTo("<credential:[REDACTED]-cred>");
        assertThat(record.reasonCode()).isEqualTo("<forbidden>");
        assertThat(record.reasonText()).isEqualTo("<not for [REDACTED] eyes>");
        assertThat(record.requestId()).isEqualTo("<req-42>");
        assertThat(record.argumentsHmac()).isEqualTo(keys.hex("ws_a", REDACTOR.apply(arguments)));
        assertThat(platform.argumentsHmac()).isEqualTo(keys.hex(null, REDACTOR.apply(arguments)));
        assertThat(platform.target()).isNull();
        assertThat(stored().toString()).doesNotContain("secret", "query");
    }

    @Test
    void aNewWriterOnTheSameDatabaseContinuesEveryChainFromItsHead() throws Exception {
        AuditWriter first = writer(DEFAULTS);
        List<AuditRecord> before = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            before.add(first.append(event("ws_a", "a" + i)));
        }
        before.add(first.append(event(null, "p0")));
        AuditRecord lastPlatform = first.append(event(null, "p1"));
        first.close();

        AuditWriter second = writer(DEFAULTS);
        AuditRecord a = second.append(event("ws_a", "a3"));
        AuditRecord p = second.append(event(null, "p2"));

        assertThat(a.sequence()).isEqualTo(4);
        assertThat(a.previousHash()).isEqualTo(before.get(2).hash());
        assertThat(p.sequence()).isEqualTo(3);
        assertThat(p.previousHash()).isEqualTo(lastPlatform.hash());
        assertThat(a.time()).isAfterOrEqualTo(before.get(2).time());
        assertValidChains(stored());
    }

    @Test
    void aChainPrunedToItsCheckpointContinuesFromTheCheckpoint() throws Exception {
        String checkpoint = "ab".repeat(32);
        db.database.inTransaction(c -> {
            StoredRecords.scope(db.database, c, "prune");
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO audit.checkpoints (chain, seq, hash, pruned_at) VALUES ('ws_p', 41, ?, CURRENT_TIMESTAMP)")) {
                insert.setString(1, checkpoint);
                return insert.executeUpdate();
            }
        });

        AuditRecord record = writer(DEFAULTS).append(event("ws_p", "after pruning"));

        assertThat(record.sequence()).isEqualTo(42);
        assertThat(record.previousHash()).isEqualTo(checkpoint);
        assertThat(record.hash()).isEqualTo(Canonical.hash(record));
    }

    @Test
    void stoppingFinishesWhatIsQueuedThenRefuses() throws Exception {
        AuditWriter writer = writer(DEFAULTS);
        gated.hold();
        List<Future<AuditRecord>> appends = new ArrayList<>();
        appends.add(appendAsync(writer, event("ws_a", "held")));
        gated.awaitHeldCommit();
        appends.add(appendAsync(writer, event("ws_a", "queued 1")));
        appends.add(appendAsync(writer, event(null, "queued 2")));
        await(() -> writer.queued() == 2);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(writer::close);
        await(() -> "audit log stopped".equals(writer.problem()));
        assertThatThrownBy(() -> writer.append(event("ws_a", "late")))
                .isInstanceOf(AuditUnavailableException.class)
                .hasMessage("audit: the log is stopped; nothing was recorded");
        gated.release();
        closing.get(30, TimeUnit.SECONDS);

        for (Future<AuditRecord> append : appends) {
            assertThat(append.get(30, TimeUnit.SECONDS).hash()).hasSize(64);
        }
        assertThat(stored()).hasSize(3);
    }

    /** Every chain starts after genesis, has no gap and no repeat, and each hash is what it must be. */
    static void assertValidChains(List<AuditRecord> records) {
        Map<String, List<AuditRecord>> chains =
                records.stream().collect(Collectors.groupingBy(AuditRecord::chain, Collectors.toList()));
        chains.forEach((chain, list) -> {
            String previous = AuditRecord.GENESIS;
            AuditRecord last = null;
            for (int i = 0; i < list.size(); i++) {
                AuditRecord record = list.get(i);
                assertThat(record.sequence()).as("sequence in %s", chain).isEqualTo(i + 1);
                assertThat(record.previousHash())
                        .as("previous hash of %s#%s", chain, i + 1)
                        .isEqualTo(previous);
                assertThat(record.hash()).as("hash of %s#%s", chain, i + 1).isEqualTo(Canonical.hash(record));
                if (last != null) {
                    assertThat(record.time()).isAfterOrEqualTo(last.time());
                }
                previous = record.hash();
                last = record;
            }
        });
    }

    /** Polls {@code condition} (a state reached by other threads); fails after 30 s. */
    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached");
            }
            Thread.sleep(5);
        }
    }
}
