package io.portcullis.store.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.portcullis.store.Database;
import io.portcullis.store.Engine;
import io.portcullis.store.internal.StoreTransactions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh database with one bundle's schema migrated, for that bundle's tests without OSGi: H2 in
 * memory (with the settings the store uses), or a database in one embedded PostgreSQL per JVM, owned
 * by and used as {@value #APP_ROLE}, a role that is neither superuser nor BYPASSRLS, so row-level
 * security applies to every query. {@link #database} is the store's own {@link Database}.
 *
 * <p>Migrated as the store does: the scripts of the bundle's migration folder and those of its
 * engine sub-folder ({@code h2/}, {@code postgresql/}), into the bundle's schema. Make one per test.
 * On PostgreSQL the scripts run once per JVM into a template database (one per schema and set of
 * scripts), and each test's database is a copy of it: {@code CREATE DATABASE ... TEMPLATE} copies
 * files, far cheaper than running every migration again for every test, and gives the same tables,
 * policies, owners and migration history.
 * Comes with the store's test-jar; its users need H2, PostgreSQL, embedded PostgreSQL and Flyway on
 * their test class path.
 */
public final class TestDatabase {

    /** The role that owns and uses every PostgreSQL test database. */
    public static final String APP_ROLE = "portcullis_app";

    /** Where a bundle keeps its migrations on the class path. */
    public static final String MIGRATIONS = "db/migration";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static @Nullable EmbeddedPostgres server;
    /** Migrated template databases by schema and the names and bytes of their scripts. */
    private static final Map<String, String> TEMPLATES = new HashMap<>();

    public final Engine engine;
    public final DataSource dataSource;
    public final Database database;
    /** The same database as a superuser on PostgreSQL (bypassing row-level security and privileges); on H2 {@link #dataSource}. */
    public final DataSource admin;

    private TestDatabase(Engine engine, DataSource dataSource, DataSource admin) {
        this.engine = engine;
        this.dataSource = dataSource;
        this.admin = admin;
        this.database = StoreTransactions.on(engine, dataSource);
    }

    /** The same database through {@code wrapped}, such as a counting wrapper of {@link #dataSource}. */
    public Database through(DataSource wrapped) {
        return StoreTransactions.on(engine, wrapped);
    }

    /** Runs a statement as {@link #admin}, the way only an attacker with the database's keys could. */
    public int tamper(String sql, Object... parameters) throws SQLException {
        try (Connection connection = admin.getConnection();
                java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    /** {@code schema} migrated from {@value #MIGRATIONS} on the class path, on H2. */
    public static TestDatabase h2(String schema) throws Exception {
        return h2(schema, classPathMigrations());
    }

    /** {@code schema} migrated from {@code migrations}, on H2. */
    public static TestDatabase h2(String schema, Path migrations) throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + schema + "_" + DATABASES.incrementAndGet()
                + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE;LOCK_TIMEOUT=10000");
        dataSource.setUser("sa");
        TestDatabase db = new TestDatabase(Engine.H2, dataSource, dataSource);
        migrate(Engine.H2, dataSource, schema, migrations);
        return db;
    }

    /** {@code schema} migrated from {@value #MIGRATIONS} on the class path, on PostgreSQL. */
    public static TestDatabase postgres(String schema) throws Exception {
        return postgres(schema, classPathMigrations());
    }

    /** {@code schema} migrated from {@code migrations}, on PostgreSQL. */
    public static TestDatabase postgres(String schema, Path migrations) throws Exception {
        String template = template(schema, migrations);
        String name = schema + "_" + DATABASES.incrementAndGet();
        execute(
                server().getPostgresDatabase(),
                "CREATE DATABASE " + name + " TEMPLATE " + template + " OWNER " + APP_ROLE);
        return new TestDatabase(Engine.POSTGRESQL, pooled(appDataSource(name)), server().getDatabase("postgres", name));
    }

    /** The template database of {@code schema} migrated from {@code migrations}, made on first use. */
    private static synchronized String template(String schema, Path migrations) throws Exception {
        String key = schema + "\n" + fingerprint(migrations);
        String template = TEMPLATES.get(key);
        if (template == null) {
            String name = "template_" + schema + "_" + DATABASES.incrementAndGet();
            execute(server().getPostgresDatabase(), "CREATE DATABASE " + name + " OWNER " + APP_ROLE);
            // A plain data source: every connection is closed after the migration, as a template needs.
            migrate(Engine.POSTGRESQL, appDataSource(name), schema, migrations);
            TEMPLATES.put(key, name);
            template = name;
        }
        return template;
    }

    /**
     * A pool over {@code dataSource}, as the store pools in production: a new PostgreSQL connection is
     * a new server process, which costs more than most of the statements a test runs on it. Idle
     * connections close after 10 s, so the databases of finished tests hold none for long.
     */
    private static DataSource pooled(DataSource dataSource) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(dataSource);
        config.setMaximumPoolSize(12);
        config.setMinimumIdle(0);
        config.setIdleTimeout(10_000);
        config.setPoolName("test-" + DATABASES.get());
        return new HikariDataSource(config);
    }

    private static PGSimpleDataSource appDataSource(String name) throws IOException, SQLException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL("jdbc:postgresql://localhost:" + server().getPort() + "/" + name);
        dataSource.setUser(APP_ROLE);
        return dataSource;
    }

    /** The names and contents of the scripts migrating from {@code migrations} on either engine. */
    private static String fingerprint(Path migrations) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (Path folder :
                List.of(migrations, migrations.resolve(Engine.POSTGRESQL.name().toLowerCase(Locale.ROOT)))) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".sql"))
                        .sorted()
                        .toList()) {
                    digest.update(migrations.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                    digest.update(Files.readAllBytes(file));
                    digest.update((byte) 0);
                }
            }
        }
        return migrations.toAbsolutePath() + "\n" + HexFormat.of().formatHex(digest.digest());
    }

    /** {@code schema} migrated from {@value #MIGRATIONS} on the class path, on {@code engine}. */
    public static TestDatabase of(Engine engine, String schema) throws Exception {
        return engine == Engine.H2 ? h2(schema) : postgres(schema);
    }

    /** Runs one statement on a connection of its own. */
    public static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The first {@value #MIGRATIONS} folder on the class path: the tested bundle's own. */
    private static Path classPathMigrations() throws URISyntaxException {
        URL folder = TestDatabase.class.getClassLoader().getResource(MIGRATIONS);
        if (folder == null) {
            throw new IllegalStateException(MIGRATIONS + " is not on the class path");
        }
        return Path.of(folder.toURI());
    }

    private static void migrate(Engine engine, DataSource dataSource, String schema, Path migrations)
            throws IOException {
        Path scripts = Files.createTempDirectory(schema + "-migrations");
        copySql(migrations, scripts);
        copySql(migrations.resolve(engine.name().toLowerCase(Locale.ROOT)), scripts);
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
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

    private static synchronized EmbeddedPostgres server() throws IOException, SQLException {
        if (server == null) {
            server = EmbeddedPostgres.builder().setRegisterShutdownHook(true).start();
            execute(server.getPostgresDatabase(), "CREATE ROLE " + APP_ROLE + " LOGIN NOSUPERUSER NOBYPASSRLS");
        }
        return server;
    }
}
