package io.portcullis.vault.internal.keys;

import io.portcullis.store.Engine;
import java.sql.Connection;
import java.sql.SQLException;

class H2DataKeysTest extends DataKeysContract {

    @Override
    Engine engine() {
        return Engine.H2;
    }

    @Override
    boolean someSessionWaits() throws SQLException {
        try (Connection c = db.dataSource.getConnection()) {
            // H2 reports no blocker for a wait on a unique index, but shows the statement still executing
            return any(
                    c,
                    "SELECT COUNT(*) FROM information_schema.sessions"
                            + " WHERE executing_statement LIKE 'INSERT INTO vault.data_keys%'");
        }
    }
}
