package io.portcullis.itests;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embedded PostgreSQL for the test JVM, so the suite needs no installed server. Kept out of the
 * test classes: they are loaded again inside the framework, where this library is not visible.
 *
 * <p>One server per test JVM, started on first use and stopped as the JVM exits; every {@link #start}
 * creates a database of its own in it (initdb and a server start cost seconds, a database a fraction of
 * one), so no test sees another's data.
 *
 * <p>The server connects as {@code portcullis}, an ordinary role that owns the database, as in
 * production: a superuser would bypass row-level security and hide a missing policy.
 */
final class EmbeddedPostgresServer {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private EmbeddedPostgresServer() {}

    /** A fresh database that lives as long as the test JVM; answers the store configuration for it. */
    static String startAndConfigureStore() {
        return "url = " + start() + "\nuser = portcullis\npassword = portcullis";
    }

    /**
     * A fresh database, owned by {@code portcullis}, in the server of this JVM; answers its JDBC URL for
     * the user and password {@code portcullis}.
     */
    static String start() {
        try {
            EmbeddedPostgres postgres = server();
            String name = "portcullis_" + DATABASES.incrementAndGet();
            try (Connection c = postgres.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name + " OWNER portcullis");
            }
            return postgres.getJdbcUrl("portcullis", name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the embedded PostgreSQL", e);
        }
    }

    private static synchronized EmbeddedPostgres server() throws IOException, SQLException {
        if (server == null) {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // the JVM is going away; nothing left to do
                }
            }));
            try (Connection c = postgres.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE ROLE portcullis LOGIN PASSWORD 'portcullis' NOSUPERUSER NOBYPASSRLS");
            }
            server = postgres;
        }
        return server;
    }
}
