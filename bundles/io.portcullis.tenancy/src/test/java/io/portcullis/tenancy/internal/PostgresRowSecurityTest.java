package io.portcullis.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.store.Ids;
import io.portcullis.store.Jdbc;
import io.portcullis.store.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Row-level security, seen from plain SQL that forgets its filter, as the role the server connects
 * with: it owns the tables and is not a superuser, so only FORCE ROW LEVEL SECURITY stands between
 * it and every workspace's rows.
 */
class PostgresRowSecurityTest {

    private TestDatabase db;
    private WorkspaceStore.Created a;
    private WorkspaceStore.Created b;

    @BeforeEach
    void twoWorkspaces() throws Exception {
        db = TestDatabase.postgres("tenancy");
        WorkspaceStore workspaces = new WorkspaceStore(db.database, Clock.systemUTC());
        a = workspaces.create("A", "Alice");
        b = workspaces.create("B", "Bob");
        new MemberStore(db.database, Clock.systemUTC())
                .add(a.workspace().id(), "Ann", io.portcullis.tenancy.Role.VIEWER);
    }

    @Test
    void theTestRoleOwnsTheTablesAndIsNoSuperuser() throws Exception {
        try (Connection connection = db.dataSource.getConnection()) {
            assertThat(strings(
                            connection,
                            "SELECT rolsuper::text || ',' || rolbypassrls::text FROM pg_roles"
                                    + " WHERE rolname = current_user"))
                    .containsExactly("false,false");
            assertThat(strings(
                            connection,
                            "SELECT tableowner FROM pg_tables WHERE schemaname = 'tenancy'"
                                    + " AND tablename IN ('members', 'api_keys')"))
                    .containsOnly(TestDatabase.APP_ROLE)
                    .hasSize(2);
        }
    }

    @Test
    void withNoWorkspaceSetQueriesSeeNoRows() throws Exception {
        try (Connection connection = db.dataSource.getConnection()) {
            assertThat(strings(connection, "SELECT id FROM tenancy.members")).isEmpty();
            assertThat(strings(connection, "SELECT id FROM tenancy.api_keys")).isEmpty();
            assertThat(strings(connection, "SELECT id FROM tenancy.workspaces")).hasSize(2); // the registry
        }
        List<String> members = db.database.inTransaction(c -> strings(c, "SELECT id FROM tenancy.members"));
        List<String> keys = db.database.inTransaction(c -> strings(c, "SELECT id FROM tenancy.api_keys"));
        assertThat(members).isEmpty();
        assertThat(keys).isEmpty();
    }

    @Test
    void withAWorkspaceSetQueriesSeeOnlyItsRows() throws Exception {
        String wsA = a.workspace().id();

        List<String> memberWorkspaces =
                db.database.inWorkspace(wsA, c -> strings(c, "SELECT workspace_id FROM tenancy.members"));
        List<String> keyWorkspaces =
                db.database.inWorkspace(wsA, c -> strings(c, "SELECT workspace_id FROM tenancy.api_keys"));

        assertThat(memberWorkspaces).hasSize(2).containsOnly(wsA);
        assertThat(keyWorkspaces).hasSize(1).containsOnly(wsA);
    }

    @Test
    void aWorkspaceCannotWriteRowsOfAnother() throws Exception {
        String wsA = a.workspace().id();
        String wsB = b.workspace().id();

        int updated = db.database.inWorkspace(wsA, c -> Jdbc.update(c, "UPDATE tenancy.members SET name = 'x'"));
        assertThat(updated).isEqualTo(2);
        assertThatThrownBy(() -> db.database.inWorkspace(
                        wsA,
                        c -> Jdbc.update(
                                c,
                                "INSERT INTO tenancy.members (id, workspace_id, name, role, created_at)"
                                        + " VALUES (?, ?, 'Mallory', 'owner', now())",
                                Ids.next(),
                                wsB)))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("row-level security");
        List<String> namesInB = db.database.inWorkspace(wsB, c -> strings(c, "SELECT name FROM tenancy.members"));
        assertThat(namesInB).containsExactly("Bob");
    }

    @Test
    void theAuthenticationSettingRevealsOneKeyForReadingOnly() throws Exception {
        String keyId = a.key().key().id();

        List<String> seen = db.database.inTransaction(c -> {
            setKey(c, keyId);
            return strings(c, "SELECT id FROM tenancy.api_keys");
        });
        int revoked = db.database.inTransaction(c -> {
            setKey(c, keyId);
            return Jdbc.update(c, "UPDATE tenancy.api_keys SET revoked_at = now()");
        });

        assertThat(seen).containsExactly(keyId);
        assertThat(revoked).isZero();
        List<String> members = db.database.inTransaction(c -> {
            setKey(c, keyId);
            return strings(c, "SELECT id FROM tenancy.members");
        });
        assertThat(members).isEmpty();
    }

    private void setKey(Connection connection, String keyId) throws SQLException {
        Jdbc.setLocal(db.database, connection, Sql.KEY_SETTING, keyId);
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        return Jdbc.list(connection, rows -> rows.getString(1), sql);
    }
}
