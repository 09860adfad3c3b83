package io.portcullis.models.internal;

import io.portcullis.audit.internal.writer.BenchmarkAuditLog;
import io.portcullis.models.ModelCall;
import io.portcullis.models.ModelResult;
import io.portcullis.models.internal.ModelCallStandIns.AllowingPolicy;
import io.portcullis.models.internal.ModelCallStandIns.InstantProvider;
import io.portcullis.models.internal.ModelCallStandIns.NullSink;
import io.portcullis.models.internal.ModelCallStandIns.PlainEgress;
import io.portcullis.models.internal.gateway.Gateway;
import io.portcullis.models.internal.gateway.Providers;
import io.portcullis.models.internal.metering.Meter;
import io.portcullis.models.internal.metering.Metering;
import io.portcullis.models.internal.metering.Reservation;
import io.portcullis.models.internal.metering.ReserveRequest;
import io.portcullis.models.internal.profiles.ProfileStore;
import io.portcullis.spi.CallContext;
import io.portcullis.spi.ModelProvider;
import io.portcullis.store.Database;
import io.portcullis.vault.internal.redaction.LiveRedactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Issue 15's in-process figures, each against a baseline measured in the same run, on file H2 (the
 * store's URL) and on embedded PostgreSQL (fsync on, as a role under row-level security):
 *
 * <ul>
 *   <li>the metered path's overhead per call: the real {@link Gateway} (validation, profile lookup in the
 *       database, policy decision, redaction by the real vault {@link LiveRedactor} holding 50 secrets,
 *       the real {@link Metering} reserve and settle, the provider thread hand-off, the scrubbed
 *       deltas, and one {@code model.invoke} record through the real group-commit audit writer on the
 *       same database) around an in-process provider that answers at once; baseline: the same provider
 *       called directly with the same sink. The policy is an in-memory answer (as its snapshot gives)
 *       and the egress guard's call context a plain object: both stand in for OSGi services.
 *   <li>{@link Metering#reserve} then {@link Metering#settle}; baseline: one empty workspace
 *       transaction on the same database.
 * </ul>
 *
 * Sequential calls, one thread; {@code N} (default 1000) measured after {@code N/3} warm-up calls.
 */
public final class ModelCallsBenchmark {

    static final String WS = "aaaaaaaaaaaaaaaaaaaaaaaa";
    static final String PLUGIN = "io.portcullis.model.bench";
    static final String APP_ROLE = "portcullis_app";

    private ModelCallsBenchmark() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("n", 1000);
        Path folder = Files.createTempDirectory("models-bench");
        try (ModelsBenchmarkDatabase h2 = ModelsBenchmarkDatabase.h2(folder)) {
            run("H2", h2, n);
        }
        try (ModelsBenchmarkDatabase pg = ModelsBenchmarkDatabase.postgres()) {
            run("PostgreSQL", pg, n);
        }
    }

    private static void run(String name, ModelsBenchmarkDatabase db, int n) throws Exception {
        ProfileStore profiles = new ProfileStore(db.database, Clock.systemUTC());
        profiles.create(WS, new ProfileStore.Fields("bench", PLUGIN, "bench-1", null, null, 100), () -> {});
        db.database.inWorkspace(WS, c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO models.model_prices (plugin_id, model, version,"
                    + " input_micros_per_million, output_micros_per_million, set_by, set_at)"
                    + " VALUES (?, 'bench-1', 1, 1000000, 2000000, 'admin', ?)")) {
                p.setString(1, PLUGIN);
                p.setTimestamp(2, Timestamp.from(Instant.now()));
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO models.budgets (workspace_id,"
                    + " monthly_limit_micros, calls_per_minute, tokens_per_minute, set_by, set_at)"
                    + " VALUES (?, 1000000000000, 1000000, 1000000000, 'admin', ?)")) {
                p.setString(1, WS);
                p.setTimestamp(2, Timestamp.from(Instant.now()));
                p.executeUpdate();
            }
            return null;
        });

        LiveRedactor redactor = new LiveRedactor();
        for (int i = 0; i < 50; i++) {
            redactor.put(WS, "cred" + i, "sk-live-" + Integer.toHexString(0x10000000 + i * 7919) + "abcdef");
        }
        InstantProvider provider = new InstantProvider();
        Providers providers = new Providers();
        providers.add(provider, PLUGIN, () -> Optional.of(PLUGIN));
        Meter meter = MeterBinding.of(db.database).meter();
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try (BenchmarkAuditLog audit = new BenchmarkAuditLog(db.database)) {
            Gateway gateway = new Gateway(
                    profiles::byName,
                    new AllowingPolicy(),
                    providers,
                    () -> meter,
                    new PlainEgress(),
                    redactor,
                    audit,
                    executor,
                    ModelsSettings.DEFAULT,
                    Clock.systemUTC());
            ModelCall call = new ModelCall(
                    WS,
                    "bench",
                    List.of(
                            new ModelProvider.Message("system", "You are a helpful assistant. Answer briefly."),
                            new ModelProvider.Message("user", "What is the capital of France? Please be concise.")),
                    List.of(),
                    50,
                    "key_0123456789abcdef",
                    null,
                    "req_bench");
            CallContext context = new PlainEgress().context(null);
            ModelProvider.CompletionRequest direct =
                    new ModelProvider.CompletionRequest("bench-1", call.messages(), List.of(), 50);

            long[] path = new long[n];
            long[] bare = new long[n];
            for (int i = -n / 3; i < n; i++) {
                long t0 = System.nanoTime();
                ModelResult result = gateway.call(call, new NullSink());
                long t1 = System.nanoTime();
                provider.stream(direct, context, new NullSink());
                long t2 = System.nanoTime();
                if (result.usage() == null) {
                    throw new IllegalStateException("no usage");
                }
                if (i >= 0) {
                    path[i] = t1 - t0;
                    bare[i] = t2 - t1;
                }
            }
            report(name + " metered call (Gateway.call), goal p50 <= 2 ms", path, bare, "provider called directly");

            Metering metering = new Metering(db.database);
            long[] meterTimes = new long[n];
            long[] empty = new long[n];
            long[] writes = new long[n];
            for (int i = -n / 3; i < n; i++) {
                long t0 = System.nanoTime();
                Reservation r = metering.reserve(new ReserveRequest(
                        WS, "bench", PLUGIN, "bench-1", 200, 50, Instant.now().plusSeconds(60), null));
                metering.settle(WS, r.id(), new ModelProvider.Usage(12, 3), 1);
                long t1 = System.nanoTime();
                db.database.inWorkspace(WS, c -> null);
                long t2 = System.nanoTime();
                touch(db.database);
                touch(db.database);
                long t3 = System.nanoTime();
                if (i >= 0) {
                    meterTimes[i] = t1 - t0;
                    empty[i] = t2 - t1;
                    writes[i] = t3 - t2;
                }
            }
            report(name + " reserve + settle, goal p99 <= 5 ms", meterTimes, empty, "one empty transaction");
            report(
                    name + " reserve + settle, against the durable commits it cannot avoid",
                    meterTimes.clone(),
                    writes,
                    "two one-row UPDATE commits");
        } finally {
            executor.shutdownNow();
        }
    }

    /** One committed one-row UPDATE in the workspace: the durable commit each of reserve and settle needs. */
    private static void touch(Database database) throws SQLException {
        database.inWorkspace(WS, c -> {
            try (PreparedStatement p =
                    c.prepareStatement("UPDATE models.budgets SET set_by = 'admin' WHERE workspace_id = ?")) {
                p.setString(1, WS);
                return p.executeUpdate();
            }
        });
    }

    private static void report(String what, long[] measured, long[] baseline, String baselineName) {
        Arrays.sort(measured);
        Arrays.sort(baseline);
        double m50 = ms(measured, 0.50), m99 = ms(measured, 0.99), b50 = ms(baseline, 0.50), b99 = ms(baseline, 0.99);
        System.out.printf(
                "%s (n=%d):%n  measured          p50 %8.3f ms  p99 %8.3f ms%n"
                        + "  baseline (%s) p50 %8.3f ms  p99 %8.3f ms%n"
                        + "  overhead (p50 measured - p50 baseline) %.3f ms; ratio p50 %.1fx, p99 %.1fx%n",
                what, measured.length, m50, m99, baselineName, b50, b99, m50 - b50, m50 / b50, m99 / b99);
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))] / 1e6;
    }
}
