package io.portcullis.itests;

import java.util.Map;

/** {@link DurabilityTests} on the embedded H2 database. */
public class H2DurabilityIT extends DurabilityTests {

    /**
     * The default database (the store's own URL) with {@code RETENTION_TIME=0}: H2 then reuses freed
     * space at once, as a server does 45 s after its start, which is when chunks land in the middle of
     * the file and H2, opened after a kill, used to miss the last ones.
     */
    @Override
    protected Map<String, String> database(ServerProcess server) {
        String file = server.home.resolve("data/db/portcullis").toAbsolutePath().toString();
        return Map.of(
                "PORTCULLIS_DB_URL",
                "jdbc:h2:file:" + file + ";AUTO_SERVER=FALSE;LOCK_TIMEOUT=10000"
                        + ";DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;RETENTION_TIME=0");
    }

    @Override
    protected String engine() {
        return "H2";
    }
}
