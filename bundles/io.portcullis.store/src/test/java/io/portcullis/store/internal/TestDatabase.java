package io.portcullis.store.internal;

import io.portcullis.store.Engine;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.Driver;
import org.h2.util.OsgiDataSourceFactory;
import org.jspecify.annotations.Nullable;
import org.osgi.service.jdbc.DataSourceFactory;
import org.postgresql.osgi.PGDataSourceFactory;

/**
 * A real database for the tests, without OSGi. An instance stands for one database, created empty on
 * first use: make one per test (JUnit makes a test instance per test).
 */
interface TestDatabase {

    Engine engine();

    DataSourceFactory driver();

    /** Settings that open this database; H2 keeps it in {@code dataDir}. */
    StoreSettings settings(Path dataDir, int maxPoolSize) throws Exception;

    static TestDatabase h2() {
        return new H2();
    }

    static TestDatabase postgres() {
        return new Postgres();
    }

    /** The embedded H2 database as the store opens it by default, in the data folder. */
    final class H2 implements TestDatabase {

        @Override
        public Engine engine() {
            return Engine.H2;
        }

        @Override
        public DataSourceFactory driver() {
            return new OsgiDataSourceFactory(new Driver());
        }

        @Override
        public StoreSettings settings(Path dataDir, int maxPoolSize) throws StoreException {
            StoreSettings settings = StoreSettings.from(new TestConfig("", "", "", maxPoolSize), Map.of(), dataDir);
            DataFolder.prepare(settings.h2Folder());
            return settings;
        }
    }

    /** A fresh database in one embedded PostgreSQL per test JVM, started on first use. */
    final class Postgres implements TestDatabase {

        private static final AtomicInteger DATABASES = new AtomicInteger();
        private static @Nullable EmbeddedPostgres server;

        private @Nullable String database;

        @Override
        public Engine engine() {
            return Engine.POSTGRESQL;
        }

        @Override
        public DataSourceFactory driver() {
            return new PGDataSourceFactory();
        }

        @Override
        public StoreSettings settings(Path dataDir, int maxPoolSize) throws IOException, SQLException, StoreException {
            if (database == null) {
                database = createDatabase();
            }
            String url = "jdbc:postgresql://localhost:" + server().getPort() + "/" + database;
            return StoreSettings.from(new TestConfig(url, "postgres", "", maxPoolSize), Map.of(), dataDir);
        }

        private static String createDatabase() throws IOException, SQLException {
            String name = "test_" + DATABASES.incrementAndGet();
            try (Connection connection = server().getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            }
            return name;
        }

        private static synchronized EmbeddedPostgres server() throws IOException {
            if (server == null) {
                server =
                        EmbeddedPostgres.builder().setRegisterShutdownHook(true).start(); // stopped as the JVM exits
            }
            return server;
        }
    }
}
