package io.portcullis.models.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.portcullis.audit.internal.writer.BenchmarkAuditLog;
import io.portcullis.egress.CallScope;
import io.portcullis.egress.Egress;
import io.portcullis.egress.EgressRules;
import io.portcullis.models.ModelCall;
import io.portcullis.models.ModelResult;
import io.portcullis.models.internal.gateway.Gateway;
import io.portcullis.models.internal.gateway.Providers;
import io.portcullis.models.internal.metering.Meter;
import io.portcullis.models.internal.metering.Metering;
import io.portcullis.models.internal.metering.Reservation;
import io.portcullis.models.internal.metering.ReserveRequest;
import io.portcullis.models.internal.profiles.ProfileStore;
import io.portcullis.policy.Decision;
import io.portcullis.policy.PluginPolicy;
import io.portcullis.policy.WorkspacePolicy;
import io.portcullis.spi.CallContext;
import io.portcullis.spi.CompletionSink;
import io.portcullis.spi.CredentialRef;
import io.portcullis.spi.EgressClient;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.ModelProvider;
import io.portcullis.spi.Risk;
import io.portcullis.store.Database;
import io.portcullis.store.Engine;
import io.portcullis.store.internal.BenchmarkDatabases;
import io.portcullis.store.internal.JdbcUrls;
import io.portcullis.vault.internal.redaction.LiveRedactor;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;

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
        try (Db h2 = Db.h2(folder)) {
            run("H2", h2, n);
        }
        try (Db pg = Db.postgres()) {
            run("PostgreSQL", pg, n);
        }
    }

    private static void run(String name, Db db, int n) throws Exception {
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

    /** Answers at once: one delta, usage, finish. */
    static final class InstantProvider implements ModelProvider {
        @Override
        public Descriptor descriptor() {
            return new Descriptor("bench", "1", List.of("bench-1"));
        }

        @Override
        public Completion complete(CompletionRequest request, CallContext context) {
            return new Completion(new Message("assistant", "Paris."), List.of(), new Usage(12, 3), "stop");
        }
    }

    static final class NullSink implements CompletionSink {
        @Override
        public void text(String delta) {}

        @Override
        public void toolCallStart(int index, String id, String name) {}

        @Override
        public void toolCallArguments(int index, String fragment) {}

        @Override
        public void toolCall(int index, ModelProvider.ToolCall call) {}

        @Override
        public void usage(ModelProvider.Usage usage) {}

        @Override
        public void finish(String reason) {}
    }

    /** The policy's answer from memory, as its snapshot gives it: every plugin allowed. */
    static final class AllowingPolicy implements PluginPolicy {
        @Override
        public Decision decide(String pluginId, String workspaceId, Risk risk) {
            return Decision.ALLOW;
        }

        @Override
        public boolean holds(String pluginId, String scope) {
            return true;
        }

        @Override
        public boolean declares(String pluginId, String scope) {
            return true;
        }

        @Override
        public WorkspacePolicy workspacePolicy(String workspaceId) {
            return WorkspacePolicy.DEFAULT;
        }

        @Override
        public Optional<String> activePlugin(Bundle bundle) {
            return Optional.empty();
        }
    }

    /** A call context as a plain object; the provider never uses the network. */
    static final class PlainEgress implements Egress {
        @Override
        public EgressClient client(CallScope scope) {
            return request -> {
                throw new EgressException(EgressException.Reason.REFUSED, "benchmark: no network");
            };
        }

        @Override
        public void check(URI url, EgressRules rules) {}

        @Override
        public void check(URI url, EgressRules rules, String pluginId) {}

        @Override
        public CallContext context(CallScope scope) {
            Instant deadline = scope == null ? Instant.now().plusSeconds(60) : scope.deadline();
            return new CallContext() {
                @Override
                public String workspaceId() {
                    return WS;
                }

                @Override
                public Instant deadline() {
                    return deadline;
                }

                @Override
                public EgressClient egress() {
                    return client(scope);
                }

                @Override
                public Optional<CredentialRef> credential(String credentialId) {
                    return Optional.empty();
                }
            };
        }
    }

    /** The models and audit schemas migrated into one database, as the store would keep them. */
    static final class Db implements AutoCloseable {
        final HikariDataSource pool;
        final Database database;
        private final EmbeddedPostgres postgres;

        private Db(Engine engine, HikariDataSource pool, EmbeddedPostgres postgres) {
            this.pool = pool;
            this.database = BenchmarkDatabases.transactions(engine, pool);
            this.postgres = postgres;
        }

        static Db h2(Path folder) throws Exception {
            String url = JdbcUrls.embeddedH2(folder);
            try (Connection c = DriverManager.getConnection(url, "sa", "")) {
                migrate(c, Engine.H2);
            }
            return new Db(Engine.H2, pool(url, "sa"), null);
        }

        static Db postgres() throws Exception {
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .start();
            try (Connection c = server.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + APP_ROLE + " LOGIN NOSUPERUSER NOBYPASSRLS");
                s.execute("CREATE DATABASE models_bench OWNER " + APP_ROLE);
            }
            String url = "jdbc:postgresql://localhost:" + server.getPort() + "/models_bench";
            try (Connection c = DriverManager.getConnection(url, APP_ROLE, "")) {
                migrate(c, Engine.POSTGRESQL);
            }
            return new Db(Engine.POSTGRESQL, pool(url, APP_ROLE), server);
        }

        private static HikariDataSource pool(String url, String user) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername(user);
            config.setMaximumPoolSize(8);
            return new HikariDataSource(config);
        }

        private static void migrate(Connection c, Engine engine) throws SQLException, IOException {
            BenchmarkAuditLog.migrate(c, engine);
            boolean pg = engine == Engine.POSTGRESQL;
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA models");
                s.execute(pg ? "SET search_path TO models" : "SET SCHEMA models");
                run(s, "db/migration/V1__metering.sql");
                if (pg) {
                    run(s, "db/migration/postgresql/V2__metering_rls.sql");
                }
                run(s, "db/migration/V3__profiles.sql");
                if (pg) {
                    run(s, "db/migration/postgresql/V4__profiles_rls.sql");
                }
            }
        }

        private static void run(Statement s, String resource) throws SQLException, IOException {
            try (InputStream in = Db.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException(resource + " is not on the class path");
                }
                String script = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .lines()
                        .filter(line -> !line.strip().startsWith("--"))
                        .collect(Collectors.joining("\n"));
                for (String statement : script.split(";")) {
                    if (!statement.isBlank()) {
                        s.execute(statement);
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            pool.close();
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
