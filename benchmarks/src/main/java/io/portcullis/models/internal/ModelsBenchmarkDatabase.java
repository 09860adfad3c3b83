package io.portcullis.models.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.portcullis.audit.internal.writer.BenchmarkDatabase;
import io.portcullis.store.Database;
import io.portcullis.store.Engine;
import io.portcullis.store.internal.BenchmarkDatabases;
import io.portcullis.store.internal.JdbcUrls;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The models and audit schemas migrated into one database, as the store would keep them. */
final class ModelsBenchmarkDatabase implements AutoCloseable {
    final HikariDataSource pool;
    final Database database;
    private final EmbeddedPostgres postgres;

    private ModelsBenchmarkDatabase(Engine engine, HikariDataSource pool, EmbeddedPostgres postgres) {
        this.pool = pool;
        this.database = BenchmarkDatabases.transactions(engine, pool);
        this.postgres = postgres;
    }

    static ModelsBenchmarkDatabase h2(Path folder) throws Exception {
        String url = JdbcUrls.embeddedH2(folder);
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            migrate(c, Engine.H2);
        }
        return new ModelsBenchmarkDatabase(Engine.H2, pool(url, "sa"), null);
    }

    static ModelsBenchmarkDatabase postgres() throws Exception {
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
        try (Connection c = server.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + ModelCallsBenchmark.APP_ROLE + " LOGIN NOSUPERUSER NOBYPASSRLS");
            s.execute("CREATE DATABASE models_bench OWNER " + ModelCallsBenchmark.APP_ROLE);
        }
        String url = "jdbc:postgresql://localhost:" + server.getPort() + "/models_bench";
        try (Connection c = DriverManager.getConnection(url, ModelCallsBenchmark.APP_ROLE, "")) {
            migrate(c, Engine.POSTGRESQL);
        }
        return new ModelsBenchmarkDatabase(Engine.POSTGRESQL, pool(url, ModelCallsBenchmark.APP_ROLE), server);
    }

    private static HikariDataSource pool(String url, String user) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setMaximumPoolSize(8);
        return new HikariDataSource(config);
    }

    private static void migrate(Connection c, Engine engine) throws SQLException, IOException {
        BenchmarkDatabase.migrate(c, engine);
        boolean pg = engine == Engine.POSTGRESQL;
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA models");
            s.execute(pg ? "SET search_path TO models" : "SET SCHEMA models");
            BenchmarkDatabase.run(s, "db/migration/V1__metering.sql");
            if (pg) {
                BenchmarkDatabase.run(s, "db/migration/postgresql/V2__metering_rls.sql");
            }
            BenchmarkDatabase.run(s, "db/migration/V3__profiles.sql");
            if (pg) {
                BenchmarkDatabase.run(s, "db/migration/postgresql/V4__profiles_rls.sql");
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
