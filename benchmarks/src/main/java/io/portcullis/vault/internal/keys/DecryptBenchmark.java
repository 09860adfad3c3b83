package io.portcullis.vault.internal.keys;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.portcullis.store.Database;
import io.portcullis.store.Engine;
import io.portcullis.store.internal.BenchmarkDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decrypting a short credential (40 bytes) with a cached data key, through the vault's own
 * {@link DataKeys#open} (issue 4, goal: p50 ≤ 1 µs); {@code Mode.SampleTime} so JMH prints the
 * percentiles. In the package of the internal classes it measures.
 *
 * <ul>
 *   <li>{@code openCached}: {@link DataKeys#open} with the workspace's data key in the cache — a map
 *       look-up and AES-256-GCM on the thread's reused cipher; the connection is never touched.
 *   <li>{@code sealStored}: {@link DataKeys#seal}, for reference: it reads the workspace's row (one
 *       primary-key SELECT on in-memory H2, in a transaction held open across calls) before encrypting.
 *   <li>{@code aeadSealOnly}: the AES-GCM seal alone (fresh random nonce), without the row read.
 * </ul>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecryptBenchmark {

    static final String WORKSPACE = "ws_bench";
    static final byte[] VALUE = "sk-live-0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    static final byte[] AAD = "cred_0123456789abcdef01234567/v1".getBytes(StandardCharsets.UTF_8);

    @State(Scope.Benchmark)
    public static class Vault {
        HikariDataSource pool;
        Connection connection;
        DataKeys keys;
        byte[] sealed;
        javax.crypto.spec.SecretKeySpec dataKey;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl("jdbc:h2:mem:vault_decrypt;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000;DATABASE_TO_LOWER=TRUE");
            config.setMaximumPoolSize(4);
            pool = new HikariDataSource(config);
            migrate(pool);
            Database database = BenchmarkDatabases.transactions(Engine.H2, pool);
            keys = new DataKeys(
                    new DataKeyStore(database, Clock.systemUTC()), new Keyring(MasterKey.generate(), List.of()));
            sealed = database.inWorkspace(WORKSPACE, c -> keys.seal(c, WORKSPACE, VALUE, AAD));
            connection = pool.getConnection();
            connection.setAutoCommit(false);
            check(Arrays.equals(keys.open(connection, WORKSPACE, sealed, AAD), VALUE), "open did not round-trip");
            byte[] tampered = sealed.clone();
            tampered[tampered.length - 1] ^= 1;
            try {
                keys.open(connection, WORKSPACE, tampered, AAD);
                throw new IllegalStateException("a tampered value opened");
            } catch (SealException expected) {
                // as it must
            }
            dataKey = new javax.crypto.spec.SecretKeySpec(new byte[32], "AES");
        }

        @TearDown(Level.Trial)
        public void tearDown() throws SQLException {
            connection.rollback();
            connection.close();
            pool.close();
        }
    }

    @Benchmark
    public byte[] openCached(Vault vault) throws Exception {
        return vault.keys.open(vault.connection, WORKSPACE, vault.sealed, AAD);
    }

    @Benchmark
    public byte[] sealStored(Vault vault) throws SQLException {
        return vault.keys.seal(vault.connection, WORKSPACE, VALUE, AAD);
    }

    @Benchmark
    public byte[] aeadSealOnly(Vault vault) {
        return Aead.seal(vault.dataKey, VALUE, AAD);
    }

    static void migrate(HikariDataSource pool) throws SQLException, IOException {
        String script;
        try (InputStream in = DataKeys.class.getClassLoader().getResourceAsStream("db/migration/V1__data_keys.sql")) {
            check(in != null, "the vault's V1 migration is not on the class path");
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA vault");
            s.execute("SET SCHEMA vault");
            s.execute(script);
            s.execute("SET SCHEMA public");
        }
    }

    static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
