package io.portcullis.store.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.portcullis.store.Engine;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the tests that run against a real database: a fresh database per test, closed after it. */
abstract class EngineTest {

    @TempDir
    Path dataDir;

    private final TestDatabase testDatabase;
    private final List<HikariDataSource> pools = new ArrayList<>();

    /** @param testDatabase this test's own database: the subclass makes a new one per test instance */
    EngineTest(TestDatabase testDatabase) {
        this.testDatabase = testDatabase;
    }

    Engine engine() {
        return testDatabase.engine();
    }

    HikariDataSource pool(int maxPoolSize) throws Exception {
        HikariDataSource pool = Pools.open(testDatabase.settings(dataDir, maxPoolSize), testDatabase.driver());
        pools.add(pool);
        return pool;
    }

    SchemaMigrator migrator(DataSource dataSource) {
        return new SchemaMigrator(engine(), dataSource, dataDir.resolve("db"));
    }

    @AfterEach
    void closePools() {
        pools.forEach(HikariDataSource::close);
    }

    static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static @Nullable String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    static @Nullable String queryString(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return queryString(connection, sql);
        }
    }

    static List<String> queryList(DataSource dataSource, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** Names of the tables in {@code schema}, lower case on both engines. */
    static List<String> tables(DataSource dataSource, String schema) throws SQLException {
        return queryList(
                dataSource,
                "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema
                        + "' ORDER BY table_name");
    }
}
