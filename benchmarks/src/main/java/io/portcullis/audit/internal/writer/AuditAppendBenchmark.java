package io.portcullis.audit.internal.writer;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditKeys;
import io.portcullis.audit.Decision;
import io.portcullis.audit.internal.Witness;
import io.portcullis.store.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Durable audit appends per second through the real {@link AuditWriter} (group commit) with 1, 16 and
 * 64 appending threads, against a baseline measured in the same run on the same table with the same
 * threads: one INSERT and one commit per record through the store's transactions. On a file H2
 * database opened with the store's URL and on embedded PostgreSQL (as the server's role, under row-level
 * security). Issue 5's goal: at least 30,000 appends/s and 10 times the baseline.
 *
 * <p>Each figure is the count of acknowledged appends in a {@code SECONDS}-long window (default 5)
 * after a one-second warm-up. A writer append carries a typical record: workspace chain (one of 16),
 * actor, action, target, reason, arguments HMACed with HMAC-SHA256 on the caller's thread; the
 * redactor is the identity (the vault's costs per text are its own benchmark's). Run with
 * {@code benchmarks/audit-appends.sh}.
 */
public final class AuditAppendBenchmark {

    static final int[] THREADS = {1, 16, 64};
    static final int WORKSPACES = 16;

    private AuditAppendBenchmark() {}

    public static void main(String[] args) throws Exception {
        long seconds = Long.parseLong(System.getenv().getOrDefault("SECONDS_PER_RUN", "5"));
        List<String> rows = new ArrayList<>();
        Path folder = Files.createTempDirectory("audit-appends");
        try {
            try (BenchmarkDatabase h2 = BenchmarkDatabase.h2(folder, 80)) {
                rows.addAll(measure(h2, seconds));
            }
            try (BenchmarkDatabase postgres = BenchmarkDatabase.postgres(80)) {
                rows.addAll(measure(postgres, seconds));
            }
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.out.println();
        System.out.println(String.format(
                Locale.ROOT,
                "%-11s %7s %14s %14s %8s %14s %8s",
                "engine",
                "threads",
                "no witness/s",
                "appends/s",
                "ratio",
                "baseline/s",
                "ratio"));
        rows.forEach(System.out::println);
        System.out.println("no witness: the writer before issue 12; appends: with the witness synced per batch"
                + " (ratio: appends / no witness)");
        System.out.println("goal: >= 30,000 appends/s and >= 10x the one-commit-per-record baseline");
    }

    private static List<String> measure(BenchmarkDatabase db, long seconds) throws Exception {
        System.out.println(db.engine + ": " + db.durability());
        List<String> rows = new ArrayList<>();
        for (int threads : THREADS) {
            double unwitnessed = appends(db, threads, seconds, null);
            Path witnessFile = Files.createTempDirectory("audit-witness").resolve("witness.log");
            double appends = appends(db, threads, seconds, Witness.open(witnessFile));
            long[] sequence = new long[threads];
            double baseline =
                    run(threads, seconds, thread -> insertOne(db, threads + "_" + thread, ++sequence[thread]));
            rows.add(String.format(
                    Locale.ROOT,
                    "%-11s %7d %,14.0f %,14.0f %7.2fx %,14.0f %7.1fx",
                    db.engine,
                    threads,
                    unwitnessed,
                    appends,
                    appends / unwitnessed,
                    baseline,
                    appends / baseline));
            System.out.println(rows.get(rows.size() - 1));
        }
        return rows;
    }

    /**
     * Appends/s through a writer; with a {@link Witness} each batch's heads are also synced to a file
     * (issue 12, the durable witness: "after"); without, as before it ("before").
     */
    private static double appends(BenchmarkDatabase db, int threads, long seconds, Witness witness) throws Exception {
        AuditWriter writer = new AuditWriter(
                db.database,
                text -> text,
                new Keys(),
                WriterSettings.of(5000, 1000, 100_000),
                Clock.systemUTC(),
                witness);
        try {
            return run(threads, seconds, thread -> writer.append(event(thread)));
        } finally {
            writer.close();
            if (witness != null) {
                witness.close();
            }
        }
    }

    interface Work {
        void run(int thread) throws Exception;
    }

    /** Runs {@code work} on {@code threads} threads; answers the completed calls per second after a warm-up. */
    private static double run(int threads, long seconds, Work work) throws InterruptedException {
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder done = new LongAdder();
        LongAdder failed = new LongAdder();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        work.run(thread);
                        if (counting.get()) {
                            done.increment();
                        }
                    } catch (Exception e) {
                        firstFailure.compareAndSet(null, e);
                        failed.increment();
                    }
                }
            });
            worker.start();
            running.add(worker);
        }
        Thread.sleep(1000);
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        counting.set(false);
        long elapsed = System.nanoTime() - start;
        stop.set(true);
        for (Thread worker : running) {
            worker.join();
        }
        if (failed.sum() > 0) {
            System.out.println("  " + failed.sum() + " call(s) failed, the first with " + firstFailure.get());
        }
        return done.sum() * 1e9 / elapsed;
    }

    static AuditEvent event(int thread) {
        return new AuditEvent(
                "ws_bench_" + (thread % WORKSPACES),
                new Actor(Actor.API_KEY, "key_0123456789abcdef", "cred_0123456789abcdef"),
                "tool.invoke",
                "tool:http.fetch@1.2.0",
                Decision.ALLOWED,
                "ok",
                "allowed by policy 'default'",
                "{\"url\":\"https://example.com/items?page=2\",\"method\":\"GET\"}",
                200,
                42L,
                "req_0123456789abcdef0123");
    }

    /** The baseline: one record, one INSERT, one commit; each thread its own chain, so no head to read. */
    private static void insertOne(BenchmarkDatabase db, String thread, long seq) throws Exception {
        db.database.inTransaction(c -> {
            if (db.engine == Engine.POSTGRESQL) {
                try (PreparedStatement scope =
                        c.prepareStatement("SELECT set_config('portcullis.audit_scope', 'writer', true)")) {
                    scope.execute();
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit.records (chain, seq, recorded_at,"
                    + " workspace_id, actor_kind, actor_id, actor_credential_id, action, target, decision, reason_code,"
                    + " reason_text, arguments_hmac, result_status, latency_ms, request_id, prev_hash, hash)"
                    + " VALUES (?, ?, ?, ?, 'api_key', 'key_0123456789abcdef', 'cred_0123456789abcdef', 'tool.invoke',"
                    + " 'tool:http.fetch@1.2.0', 'allowed', 'ok', 'allowed by policy ''default''', ?, 200, 42,"
                    + " 'req_0123456789abcdef0123', ?, ?)")) {
                String chain = "base_" + thread;
                String hash = "%064x".formatted(seq);
                insert.setString(1, chain);
                insert.setLong(2, seq);
                insert.setTimestamp(3, Timestamp.from(Instant.now()));
                insert.setString(4, chain);
                insert.setString(5, hash);
                insert.setString(6, hash);
                insert.setString(7, hash);
                return insert.executeUpdate();
            }
        });
    }

    /** HMAC-SHA256 under a fixed key, one Mac per thread, as a vault would compute it. */
    static final class Keys implements AuditKeys {
        private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });

        @Override
        public byte[] hmac(String workspaceId, byte[] data) {
            return macs.get().doFinal(data);
        }
    }
}
