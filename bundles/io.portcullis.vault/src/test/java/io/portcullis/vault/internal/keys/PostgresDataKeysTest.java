package io.portcullis.vault.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.store.Engine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class PostgresDataKeysTest extends DataKeysContract {

    @Override
    Engine engine() {
        return Engine.POSTGRESQL;
    }

    @Override
    boolean someSessionWaits() throws SQLException {
        try (Connection c = db.dataSource.getConnection()) {
            return any(c, "SELECT COUNT(*) FROM pg_locks WHERE NOT granted");
        }
    }

    long visibleRows(String sql) throws SQLException {
        try (Connection c = db.dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void rowSecurityShowsAWorkspaceOnlyItsOwnDataKey() throws Exception {
        seal(keys, "wsA", VALUE, AAD);
        seal(keys, "wsB", VALUE, AAD);
        String count = "SELECT COUNT(*) FROM vault.data_keys";

        assertThat(database.<Long>inWorkspace("wsA", c -> countOf(c, count))).isEqualTo(1);
        assertThat(database.<Long>inWorkspace("wsA", c -> countOf(c, count + " WHERE workspace_id = 'wsB'")))
                .isZero();
        assertThat(database.<Long>inTransaction(c -> countOf(c, count))).isZero();
        assertThat(visibleRows(count)).isZero();
        assertThat(database.<Long>inTransaction(c -> {
                    store.maintenance(c);
                    return countOf(c, count);
                }))
                .isEqualTo(2);
        // a workspace cannot plant or destroy the key of another
        assertThat(database.<Boolean>inWorkspace("wsA", c -> store.delete(c, "wsB")))
                .isFalse();
        assertThatThrownBy(() -> database.inWorkspace(
                        "wsA", c -> store.insertIfAbsent(c, new DataKeyStore.Row("wsC", "00", new byte[60]))))
                .isInstanceOf(SQLException.class);
        assertThat(rows()).isEqualTo(2);
    }

    static long countOf(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql);
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }
}
