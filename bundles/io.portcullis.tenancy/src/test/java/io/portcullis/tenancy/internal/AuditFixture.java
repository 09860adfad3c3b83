package io.portcullis.tenancy.internal;

import static io.portcullis.web.testing.FakeRequest.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.testing.RecordingAuditLog;
import io.portcullis.store.Ids;
import io.portcullis.store.Jdbc;
import io.portcullis.store.testing.TestClock;
import io.portcullis.store.testing.TestDatabase;
import io.portcullis.tenancy.Role;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.Caller;
import io.portcullis.web.testing.FakeRequest;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Every tenancy route that changes something, wired to one {@link RecordingAuditLog}, over a workspace
 * A with its owner, an admin key and a viewer member; the platform administrator's caller too.
 */
abstract class AuditFixture {

    TestDatabase db;
    TestClock clock;
    final RecordingAuditLog audit = new RecordingAuditLog();
    KeyAuthenticator authenticator;
    WorkspaceStore workspaces;
    MemberStore members;
    WorkspaceRoutes workspaceRoutes;
    MemberRoutes memberRoutes;
    MemberSubjectRoutes subjectRoutes;
    ApiKeyRoutes keyRoutes;
    InviteRoutes inviteRoutes;
    ApiKeyToken adminToken;
    WorkspaceStore.Created a;
    Records.Member viewer;
    Records.NewKey adminKey;
    Caller platform;
    Caller ownerA;
    Caller adminA;

    @BeforeEach
    void open() throws Exception {
        db = TestDatabase.h2("tenancy");
        clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
        adminToken = ApiKeyToken.generate(Ids.next());
        authenticator = new KeyAuthenticator(
                new KeyLookup(db.database),
                AdminKey.of(adminToken),
                KeyAuthenticator.lastUsed(db.database, clock),
                clock);
        workspaces = new WorkspaceStore(db.database, clock);
        members = new MemberStore(db.database, clock);
        ApiKeyStore keys = new ApiKeyStore(db.database, clock);
        workspaceRoutes = new WorkspaceRoutes(workspaces, audit);
        memberRoutes = new MemberRoutes(members, audit);
        subjectRoutes = new MemberSubjectRoutes(new MemberSubjects(db.database), audit);
        keyRoutes = new ApiKeyRoutes(keys, Duration.ofHours(24), audit);
        inviteRoutes =
                new InviteRoutes(new InviteStore(db.database, clock), new InviteAcceptance(db.database, clock), audit);
        a = workspaces.create("A", "Alice");
        viewer = members.add(ws(), "Vic", Role.VIEWER);
        adminKey = keys.create(
                ws(),
                new ApiKeyStore.Maker(Role.OWNER, a.owner().id()),
                new ApiKeyStore.Spec("admin", Role.ADMIN, null, null));
        platform = authenticator.authenticate(adminToken.value()).orElseThrow();
        ownerA = authenticator.authenticate(a.key().token().value()).orElseThrow();
        adminA = authenticator.authenticate(adminKey.token().value()).orElseThrow();
    }

    @AfterEach
    void close() {
        authenticator.close();
    }

    String ws() {
        return a.workspace().id();
    }

    FakeRequest in(Caller caller) {
        return FakeRequest.of(caller, Map.of("ws", ws()));
    }

    FakeRequest on(Caller caller, String id) {
        return FakeRequest.of(caller, Map.of("ws", ws(), "id", id));
    }

    static JsonNode json(ApiResponse response) throws Exception {
        return tree(response);
    }

    /** The one event the last action appended. */
    AuditEvent one() {
        List<AuditEvent> events = audit.take();
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    /** Every row of every tenancy table, in a stable order: equal before and after means nothing changed. */
    String rows() throws SQLException {
        StringBuilder all = new StringBuilder();
        for (String table : new String[] {"workspaces", "members", "api_keys", "invites"}) {
            List<String> rows = db.database.inTransaction(c -> Jdbc.list(
                    c,
                    r -> {
                        StringBuilder row = new StringBuilder("[");
                        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                            row.append(r.getString(i)).append(',');
                        }
                        return row.append(']').toString();
                    },
                    "SELECT * FROM tenancy." + table + " ORDER BY id"));
            all.append(table).append(": ").append(rows).append('\n');
        }
        return all.toString();
    }
}
