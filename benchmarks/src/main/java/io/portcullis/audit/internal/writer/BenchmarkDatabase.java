package io.portcullis.audit.internal.writer;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.portcullis.store.Database;
import io.portcullis.store.Engine;
import io.portcullis.store.internal.BenchmarkDatabases;
import io.portcullis.store.internal.JdbcUrls;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * A migrated audit schema for the append benchmark: a file H2 database opened with the store's own URL
 * ({@link JdbcUrls#embeddedH2}, so with its write-at-commit setting), or a database in an embedded
 * PostgreSQL owned by and used as a role that is neither superuser nor BYPASSRLS, as in the tests, so
 * the audit's row-level security applies. The audit bundle's migration scripts are run as they are.
 */
public final class BenchmarkDatabase implements AutoCloseable {

    static final String APP_ROLE = "portcullis_app";

    final Engine engine;
    final HikariDataSource pool;
    final Database database;
    private final EmbeddedPostgres postgres; // null on H2

    private BenchmarkDatabase(Engine engine, HikariDataSource pool, EmbeddedPostgres postgres) {
        this.engine = engine;
        this.pool = pool;
        this.database = BenchmarkDatabases.transactions(engine, pool);
        this.postgres = postgres;
    }

    static BenchmarkDatabase h2(Path folder, int poolSize) throws SQLException, IOException {
        String url = JdbcUrls.embeddedH2(folder);
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            migrate(c, Engine.H2);
        }
        return new BenchmarkDatabase(Engine.H2, pool(url, "sa", poolSize), null);
    }

    static BenchmarkDatabase postgres(int poolSize) throws SQLException, IOException {
        // zonky turns fsync and synchronous_commit off by default: a durable benchmark turns them back on.
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
        try (Connection c = server.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + APP_ROLE + " LOGIN NOSUPERUSER NOBYPASSRLS");
            s.execute("CREATE DATABASE audit_bench OWNER " + APP_ROLE);
        }
        String url = "jdbc:postgresql://localhost:" + server.getPort() + "/audit_bench";
        try (Connection c = DriverManager.getConnection(url, APP_ROLE, "")) {
            migrate(c, Engine.POSTGRESQL);
        }
        return new BenchmarkDatabase(Engine.POSTGRESQL, pool(url, APP_ROLE, poolSize), server);
    }

    /** What the engine promises about a commit, for the report. */
    String durability() throws SQLException {
        if (engine == Engine.H2) {
            return "file, WRITE_DELAY="
                    + single("SELECT setting_value FROM information_schema.settings"
                            + " WHERE setting_name = 'WRITE_DELAY'");
        }
        return "fsync=" + single("SHOW fsync") + ", synchronous_commit=" + single("SHOW synchronous_commit");
    }

    private String single(String sql) throws SQLException {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    private static HikariDataSource pool(String url, String user, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }

    /** Runs V1 and, on PostgreSQL, V2 (row-level security, revoked UPDATE/DELETE) into schema audit. */
    public static void migrate(Connection c, Engine engine) throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA audit");
            s.execute(engine == Engine.H2 ? "SET SCHEMA audit" : "SET search_path TO audit");
            run(s, "db/migration/V1__audit.sql");
            if (engine == Engine.POSTGRESQL) {
                run(s, "db/migration/postgresql/V2__audit_security.sql");
            }
        }
    }

    /** Runs the SQL script {@code resource} of the class path, statement by statement, without its comments. */
    public static void run(Statement s, String resource) throws SQLException, IOException {
        try (InputStream in = BenchmarkDatabase.class.getClassLoader().getResourceAsStream(resource)) {
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

    DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() throws IOException {
        pool.close();
        if (postgres != null) {
            postgres.close();
        }
    }
}
