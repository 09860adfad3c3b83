package io.portcullis.itests;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An embedded PostgreSQL for the test JVM, so the suite needs no installed server. Kept out of the
 * test classes: they are loaded again inside the framework, where this library is not visible.
 *
 * <p>The server connects as {@code portcullis}, an ordinary role that owns the database, as in
 * production: a superuser would bypass row-level security and hide a missing policy.
 */
final class EmbeddedPostgresServer {

    private EmbeddedPostgresServer() {}

    /** Starts a server that lives as long as the test JVM; answers the store configuration for it. */
    static String startAndConfigureStore() {
        return "url = " + start() + "\nuser = portcullis\npassword = portcullis";
    }

    /**
     * Starts a server that lives as long as the test JVM; answers its JDBC URL for the user and password
     * {@code portcullis}.
     */
    static String start() {
        try {
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
                s.execute("CREATE DATABASE portcullis OWNER portcullis");
            }
            return postgres.getJdbcUrl("portcullis", "portcullis");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the embedded PostgreSQL", e);
        }
    }
}
