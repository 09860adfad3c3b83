package io.portcullis.vault.internal.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.store.Engine;
import io.portcullis.store.Jdbc;
import io.portcullis.store.testing.TestDatabase;
import io.portcullis.web.HttpMethod;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Row-level security on the credential tables, seen from plain SQL that forgets its filter, as the
 * role the server connects with: it owns the tables and is not a superuser, so only FORCE ROW LEVEL
 * SECURITY stands between it and every workspace's credentials.
 */
class PostgresCredentialRowSecurityTest extends CredentialFixture {

    private String idA;
    private String idB;

    PostgresCredentialRowSecurityTest() {
        super(Engine.POSTGRESQL);
    }

    @BeforeEach
    void oneCredentialEach() throws Exception {
        idA = bound(callerA, wsA, canary());
        idB = bound(callerB, wsB, canary());
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
                            "SELECT tableowner FROM pg_tables WHERE schemaname = 'vault'"
                                    + " AND tablename IN ('credentials', 'credential_bindings')"))
                    .containsOnly(TestDatabase.APP_ROLE)
                    .hasSize(2);
        }
    }

    @Test
    void withNoWorkspaceSetQueriesSeeNoRows() throws Exception {
        try (Connection connection = db.dataSource.getConnection()) {
            assertThat(strings(connection, "SELECT id FROM vault.credentials")).isEmpty();
            assertThat(strings(connection, "SELECT plugin_id FROM vault.credential_bindings"))
                    .isEmpty();
        }
        List<String> credentials = db.database.inTransaction(c -> strings(c, "SELECT id FROM vault.credentials"));
        List<String> bindings =
                db.database.inTransaction(c -> strings(c, "SELECT credential_id FROM vault.credential_bindings"));
        assertThat(credentials).isEmpty();
        assertThat(bindings).isEmpty();
    }

    @Test
    void withAWorkspaceSetQueriesSeeAndWriteOnlyItsRows() throws Exception {
        List<String> credentials = db.database.inWorkspace(wsA, c -> strings(c, "SELECT id FROM vault.credentials"));
        List<String> bindings =
                db.database.inWorkspace(wsA, c -> strings(c, "SELECT credential_id FROM vault.credential_bindings"));
        int updated =
                db.database.inWorkspace(wsA, c -> Jdbc.update(c, "UPDATE vault.credentials SET read_only = TRUE"));
        assertThat(credentials).containsExactly(idA);
        assertThat(bindings).containsExactly(idA);
        assertThat(updated).isEqualTo(1);
        assertThatThrownBy(() -> db.database.inWorkspace(
                        wsA,
                        c -> Jdbc.update(
                                c,
                                "INSERT INTO vault.credential_bindings (workspace_id, credential_id, plugin_id, created_at)"
                                        + " VALUES (?, ?, 'io.portcullis.planted', now())",
                                wsB,
                                idB)))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("row-level security");
        assertThat(json(onId(HttpMethod.GET, "/{id}", callerB, wsB, idB, ""))
                        .get("bound_plugins")
                        .toString())
                .isEqualTo("[\"" + PLUGIN + "\"]");
    }

    @Test
    void theStartUpScopeReadsEveryCredentialButWritesNone() throws Exception {
        List<String> seen = db.database.inTransaction(c -> {
            Jdbc.setLocal(db.database, c, Sql.SCOPE_SETTING, SecretLoader.ALL);
            return strings(c, "SELECT id FROM vault.credentials ORDER BY id");
        });
        int written = db.database.inTransaction(c -> {
            Jdbc.setLocal(db.database, c, Sql.SCOPE_SETTING, SecretLoader.ALL);
            return Jdbc.update(c, "UPDATE vault.credentials SET read_only = TRUE")
                    + Jdbc.update(c, "DELETE FROM vault.credentials");
        });
        List<String> bindings = db.database.inTransaction(c -> {
            Jdbc.setLocal(db.database, c, Sql.SCOPE_SETTING, SecretLoader.ALL);
            return strings(c, "SELECT credential_id FROM vault.credential_bindings");
        });

        assertThat(seen).containsExactlyInAnyOrder(idA, idB);
        assertThat(written).isZero();
        assertThat(bindings).isEmpty();
        List<String> unscoped = db.database.inTransaction(c -> strings(c, "SELECT id FROM vault.credentials"));
        assertThat(unscoped).isEmpty();
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        return Jdbc.list(connection, rows -> rows.getString(1), sql);
    }
}
