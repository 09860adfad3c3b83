package io.portcullis.itests;

import java.util.Map;

/** {@link DurabilityTests} on an embedded PostgreSQL, a fresh database for each test. */
public class PostgresDurabilityIT extends DurabilityTests {

    @Override
    protected Map<String, String> database(ServerProcess server) {
        return Map.of(
                "PORTCULLIS_DB_URL",
                EmbeddedPostgresServer.start(),
                "PORTCULLIS_DB_USER",
                "portcullis",
                "PORTCULLIS_DB_PASSWORD",
                "portcullis");
    }

    @Override
    protected String engine() {
        return "PostgreSQL";
    }
}
