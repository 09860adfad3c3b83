package io.portcullis.store.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.jdbc.DataSourceFactory;
import org.postgresql.osgi.PGDataSourceFactory;

/** One embedded PostgreSQL per test class; a fresh database per test. */
final class PostgresFixture implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final EmbeddedPostgres postgres;

    private PostgresFixture(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static PostgresFixture start() throws IOException {
        return new PostgresFixture(EmbeddedPostgres.start());
    }

    static DataSourceFactory driver() {
        return new PGDataSourceFactory();
    }

    /** Creates an empty database and returns its name. */
    String createDatabase() throws SQLException {
        String name = "test_" + DATABASES.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    StoreSettings settings(String database, int maxPoolSize) throws StoreException {
        String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
        return StoreSettings.from(new TestConfig(url, "postgres", "", maxPoolSize), Map.of(), Path.of("unused"));
    }

    int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
