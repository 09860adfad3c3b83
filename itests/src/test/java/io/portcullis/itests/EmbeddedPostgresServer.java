package io.portcullis.itests;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An embedded PostgreSQL for the test JVM, so the suite needs no installed server. Kept out of the
 * test classes: they are loaded again inside the framework, where this library is not visible.
 */
final class EmbeddedPostgresServer {

    private EmbeddedPostgresServer() {}

    /** Starts a server that lives as long as the test JVM; answers the store configuration for it. */
    static String startAndConfigureStore() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // the JVM is going away; nothing left to do
                }
            }));
            return "url = " + postgres.getJdbcUrl("postgres", "postgres") + "\nuser = postgres\npassword = postgres";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
