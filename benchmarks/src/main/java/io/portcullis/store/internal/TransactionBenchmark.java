package io.portcullis.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.portcullis.store.Engine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * What the store's workspace-bound transaction costs over a hand-written JDBC transaction on the same
 * pool (the baseline): one indexed read per transaction, on in-memory H2. In the store's package
 * because the class under test is internal.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TransactionBenchmark {

    private static final String QUERY = "SELECT text FROM notes WHERE workspace_id = ? AND id = ?";

    private HikariDataSource pool;
    private Transactions transactions;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1");
        config.setMaximumPoolSize(4);
        pool = new HikariDataSource(config);
        try (Connection c = pool.getConnection()) {
            c.createStatement()
                    .execute("CREATE TABLE notes (id INT PRIMARY KEY, workspace_id VARCHAR(64), text VARCHAR(100))");
            c.createStatement().execute("INSERT INTO notes VALUES (1, 'ws1', 'hello')");
        }
        transactions = new Transactions(Engine.H2, pool);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public String baselineRawJdbc() throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                String text = read(c);
                c.commit();
                return text;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    @Benchmark
    public String inWorkspace() throws SQLException {
        return transactions.inWorkspace("ws1", TransactionBenchmark::read);
    }

    private static String read(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(QUERY)) {
            s.setString(1, "ws1");
            s.setInt(2, 1);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
