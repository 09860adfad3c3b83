package io.portcullis.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.store.Ids;
import io.portcullis.store.Jdbc;
import io.portcullis.store.testing.TestDatabase;
import io.portcullis.tenancy.Role;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Row-level security on invites, from plain SQL that forgets its filter, as the role the server
 * connects with (owner of the tables, neither superuser nor BYPASSRLS).
 */
class PostgresInviteRowSecurityTest {

    private TestDatabase db;
    private WorkspaceStore.Created a;
    private WorkspaceStore.Created b;
    private StoredInvite.Created inviteA;
    private StoredInvite.Created inviteB;

    @BeforeEach
    void twoWorkspacesWithInvites() throws Exception {
        db = TestDatabase.postgres("tenancy");
        WorkspaceStore workspaces = new WorkspaceStore(db.database, Clock.systemUTC());
        InviteStore invites = new InviteStore(db.database, Clock.systemUTC());
        a = workspaces.create("A", "Alice");
        b = workspaces.create("B", "Bob");
        inviteA = invites.create(a.workspace().id(), Role.OWNER, "k", spec("Ann"));
        invites.create(a.workspace().id(), Role.OWNER, "k", spec("Abe"));
        inviteB = invites.create(b.workspace().id(), Role.OWNER, "k", spec("Bea"));
    }

    @Test
    void invitesAreForcedUnderRowSecurityAndOwnedByTheTestRole() throws Exception {
        try (Connection connection = db.dataSource.getConnection()) {
            assertThat(strings(
                            connection,
                            "SELECT relrowsecurity::text || ',' || relforcerowsecurity::text"
                                    + " FROM pg_class WHERE oid = 'tenancy.invites'::regclass"))
                    .containsExactly("true,true");
            assertThat(strings(
                            connection,
                            "SELECT tableowner FROM pg_tables WHERE schemaname = 'tenancy'"
                                    + " AND tablename = 'invites'"))
                    .containsExactly(TestDatabase.APP_ROLE);
        }
    }

    @Test
    void withNoWorkspaceSetQueriesSeeNoInvites() throws Exception {
        try (Connection connection = db.dataSource.getConnection()) {
            assertThat(strings(connection, "SELECT id FROM tenancy.invites")).isEmpty();
            assertThat(strings(connection, "SELECT token_hash FROM tenancy.invites"))
                    .isEmpty();
        }
        List<String> seen = db.database.inTransaction(c -> strings(c, "SELECT id FROM tenancy.invites"));
        int updated = db.database.inTransaction(c -> Jdbc.update(c, "UPDATE tenancy.invites SET accepted_at = now()"));
        int deleted = db.database.inTransaction(c -> Jdbc.update(c, "DELETE FROM tenancy.invites"));
        assertThat(seen).isEmpty();
        assertThat(updated).isZero();
        assertThat(deleted).isZero();
        // the rows are there: the workspace sees them
        assertThat(inWorkspace(a.workspace().id(), "SELECT id FROM tenancy.invites"))
                .hasSize(2);
    }

    @Test
    void aWorkspaceSeesAndWritesOnlyItsOwnInvites() throws Exception {
        String wsA = a.workspace().id();
        String wsB = b.workspace().id();

        int deletedOfB = db.database.inWorkspace(
                wsA,
                c -> Jdbc.update(
                        c,
                        "DELETE FROM tenancy.invites WHERE id = ?",
                        inviteB.invite().id()));
        assertThat(inWorkspace(wsA, "SELECT workspace_id FROM tenancy.invites"))
                .hasSize(2)
                .containsOnly(wsA);
        assertThat(deletedOfB).isZero();
        assertThatThrownBy(() -> db.database.inWorkspace(
                        wsA,
                        c -> Jdbc.update(
                                c,
                                "INSERT INTO tenancy.invites (id, workspace_id, token_hash, role, invitee_name, created_by,"
                                        + " created_at, expires_at)"
                                        + " VALUES (?, ?, ?, 'owner', 'M', 'k', now(), now() + interval '1 hour')",
                                Ids.next(),
                                wsB,
                                "0".repeat(64))))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("row-level security");
        assertThat(inWorkspace(wsB, "SELECT invitee_name FROM tenancy.invites")).containsExactly("Bea");
    }

    @Test
    void theAcceptanceSettingRevealsOneInviteToReadAndClaimOnly() throws Exception {
        String id = inviteA.invite().id();

        List<String> seen = db.database.inTransaction(c -> {
            setInvite(c, id);
            return strings(c, "SELECT id FROM tenancy.invites");
        });
        int deleted = db.database.inTransaction(c -> {
            setInvite(c, id);
            return Jdbc.update(c, "DELETE FROM tenancy.invites");
        });
        List<String> membersSeen = db.database.inTransaction(c -> {
            setInvite(c, id);
            return strings(c, "SELECT id FROM tenancy.members");
        });
        assertThatThrownBy(() -> db.database.inTransaction(c -> {
                    setInvite(c, id);
                    return Jdbc.update(c, "UPDATE tenancy.invites SET id = ?", Ids.next());
                }))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("row-level security");
        int claimed = db.database.inTransaction(c -> {
            setInvite(c, id);
            return Jdbc.update(c, "UPDATE tenancy.invites SET accepted_at = now()");
        });

        assertThat(seen).containsExactly(id);
        assertThat(deleted).isZero();
        assertThat(membersSeen).isEmpty();
        assertThat(claimed).isEqualTo(1);
        assertThat(inWorkspace(a.workspace().id(), "SELECT id FROM tenancy.invites WHERE accepted_at IS NOT NULL"))
                .containsExactly(id);
        // an empty setting reveals nothing
        List<String> seenWithEmpty = db.database.inTransaction(c -> {
            setInvite(c, "");
            return strings(c, "SELECT id FROM tenancy.invites");
        });
        assertThat(seenWithEmpty).isEmpty();
    }

    @Test
    void acceptanceWorksUnderRowSecurityAndBindsTheInvitesWorkspace() throws Exception {
        InviteAcceptance.Accepted accepted = new InviteAcceptance(db.database, Clock.systemUTC())
                .accept(inviteB.token().value());

        assertThat(accepted.workspaceId()).isEqualTo(b.workspace().id());
        assertThat(inWorkspace(b.workspace().id(), "SELECT name FROM tenancy.members"))
                .containsExactlyInAnyOrder("Bob", "Bea");
        assertThat(inWorkspace(a.workspace().id(), "SELECT name FROM tenancy.members"))
                .containsExactly("Alice");
    }

    private static InviteStore.Spec spec(String name) {
        return new InviteStore.Spec(name, Role.ADMIN, Duration.ofHours(1));
    }

    private List<String> inWorkspace(String workspaceId, String sql) throws SQLException {
        return db.database.inWorkspace(workspaceId, c -> strings(c, sql));
    }

    private void setInvite(Connection connection, String inviteId) throws SQLException {
        Jdbc.setLocal(db.database, connection, InviteAcceptance.INVITE_SETTING, inviteId);
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        return Jdbc.list(connection, rows -> rows.getString(1), sql);
    }
}
