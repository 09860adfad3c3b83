package io.portcullis.vault.internal.credentials;

import io.portcullis.store.Database;
import io.portcullis.store.Engine;
import io.portcullis.store.internal.StoreTransactions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh, migrated vault schema per test, without OSGi (tenancy's test database, for schema vault):
 * H2 in memory (with the settings the store uses), or a database in one embedded PostgreSQL per JVM,
 * owned by and used as {@value #APP_ROLE}, a role that is neither superuser nor BYPASSRLS, so
 * row-level security applies to every query.
 */
final class TestDatabase {

    static final String APP_ROLE = "portcullis_app";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static @Nullable EmbeddedPostgres server;

    final Engine engine;
    final DataSource dataSource;
    final Database database;

    private TestDatabase(Engine engine, DataSource dataSource) throws Exception {
        this.engine = engine;
        this.dataSource = dataSource;
        this.database = StoreTransactions.on(engine, dataSource);
        migrate();
    }

    static TestDatabase h2() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:vault_" + DATABASES.incrementAndGet()
                + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE;LOCK_TIMEOUT=10000");
        dataSource.setUser("sa");
        return new TestDatabase(Engine.H2, dataSource);
    }

    static TestDatabase postgres() throws Exception {
        String name = "vault_" + DATABASES.incrementAndGet();
        execute(server().getPostgresDatabase(), "CREATE DATABASE " + name + " OWNER " + APP_ROLE);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL("jdbc:postgresql://localhost:" + server().getPort() + "/" + name);
        dataSource.setUser(APP_ROLE);
        return new TestDatabase(Engine.POSTGRESQL, dataSource);
    }

    static TestDatabase of(Engine engine) throws Exception {
        return engine == Engine.H2 ? h2() : postgres();
    }

    /** As the store does: the common scripts and those of this engine's folder, into schema vault. */
    private void migrate() throws IOException, URISyntaxException {
        Path scripts = Files.createTempDirectory("vault-migrations");
        URL common = TestDatabase.class.getClassLoader().getResource("db/migration");
        Path source = Path.of(common.toURI());
        copySql(source, scripts);
        copySql(source.resolve(engine.name().toLowerCase(Locale.ROOT)), scripts);
        Flyway.configure()
                .dataSource(dataSource)
                .schemas("vault")
                .createSchemas(true)
                .locations("filesystem:" + scripts)
                .load()
                .migrate();
    }

    private static void copySql(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static synchronized EmbeddedPostgres server() throws IOException, SQLException {
        if (server == null) {
            server = EmbeddedPostgres.builder().setRegisterShutdownHook(true).start();
            execute(server.getPostgresDatabase(), "CREATE ROLE " + APP_ROLE + " LOGIN NOSUPERUSER NOBYPASSRLS");
        }
        return server;
    }
}
