package io.portcullis.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.audit.testing.RecordingAuditLog;
import io.portcullis.store.Engine;
import io.portcullis.store.Ids;
import io.portcullis.store.testing.TestClock;
import io.portcullis.store.testing.TestDatabase;
import io.portcullis.tenancy.Role;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.Caller;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import io.portcullis.web.testing.FakeRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Binding external subjects to members through the subject routes, and JWTs authenticating through
 * the binding, the same on every engine (on PostgreSQL under row-level security).
 */
abstract class SubjectContract {

    static final String ALICE = "alice@idp";

    final Engine engine;
    TestDatabase db;
    TestClock clock;
    Path dir;
    WorkspaceStore.Created a;
    WorkspaceStore.Created b;
    MemberStore members;
    MemberSubjectRoutes routes;
    MemberRoutes memberRoutes;
    KeyAuthenticator keys;
    JwtAuthenticator jwt;
    Caller ownerA;
    Caller ownerB;
    final RecordingAuditLog audit = new RecordingAuditLog();

    SubjectContract(Engine engine) {
        this.engine = engine;
    }

    @BeforeEach
    void open() throws Exception {
        db = TestDatabase.of(engine, "tenancy");
        clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
        dir = Files.createTempDirectory("jwt");
        WorkspaceStore workspaces = new WorkspaceStore(db.database, clock);
        a = workspaces.create("A", "Alice");
        b = workspaces.create("B", "Bob");
        members = new MemberStore(db.database, clock);
        routes = new MemberSubjectRoutes(new MemberSubjects(db.database), audit);
        memberRoutes = new MemberRoutes(members, audit);
        keys = new KeyAuthenticator(
                new KeyLookup(db.database),
                AdminKey.of(ApiKeyToken.generate(Ids.next())),
                KeyAuthenticator.lastUsed(db.database, clock),
                clock);
        JwtSettings settings = JwtSettings.of(TestTokens.config(TestTokens.jwks(dir)), dir);
        jwt = new JwtAuthenticator(new JwtVerifier(settings, clock), new SubjectLookup(db.database));
        ownerA = keys.authenticate(a.key().token().value()).orElseThrow();
        ownerB = keys.authenticate(b.key().token().value()).orElseThrow();
    }

    @AfterEach
    void close() {
        keys.close();
    }

    String token(String subject) {
        return TestTokens.rs256(TestTokens.claims(clock.instant(), subject).build());
    }

    static String ws(WorkspaceStore.Created created) {
        return created.workspace().id();
    }

    static FakeRequest request(Caller caller, WorkspaceStore.Created ws, String memberId) {
        return FakeRequest.of(caller, Map.of("ws", ws(ws), "id", memberId));
    }

    static FakeRequest put(Caller caller, WorkspaceStore.Created ws, String memberId, String subject) throws Exception {
        return request(caller, ws, memberId).withBody("{\"subject\":" + FakeRequest.json(subject) + "}");
    }

    String json(ApiResponse response) throws Exception {
        return FakeRequest.json(response.body());
    }

    @Test
    void everySubjectRouteNamesAWorkspaceMembersPermission() {
        for (Route route : routes.routes()) {
            assertThat(route.path()).isEqualTo("/api/v1/workspaces/{ws}/members/{id}/subject");
            assertThat(route.access().workspaceBound()).isTrue();
            assertThat(route.access().permission()).startsWith("workspace:{ws}:members:");
        }
    }

    @Test
    void aBoundSubjectAuthenticatesAsTheMemberUntilUnbound() throws Exception {
        assertThat(jwt.authenticate(token(ALICE))).isEmpty();

        ApiResponse bound = routes.set(put(ownerA, a, a.owner().id(), ALICE));

        assertThat(bound.status()).isEqualTo(200);
        assertThat(json(bound)).isEqualTo("{\"id\":\"" + a.owner().id() + "\",\"external_subject\":\"" + ALICE + "\"}");
        Caller caller = jwt.authenticate(token(ALICE)).orElseThrow();
        assertThat(caller.id()).isEqualTo("jwt:" + a.owner().id());
        assertThat(caller.workspaceId()).contains(ws(a));
        assertThat(caller.rateClass()).isEqualTo("owner");
        assertThat(json(routes.get(request(ownerA, a, a.owner().id()))))
                .contains("\"external_subject\":\"" + ALICE + "\"");

        assertThat(routes.clear(request(ownerA, a, a.owner().id())).status()).isEqualTo(204);

        assertThat(jwt.authenticate(token(ALICE))).isEmpty();
        assertThat(json(routes.get(request(ownerA, a, a.owner().id())))).contains("\"external_subject\":null");
    }

    @Test
    void aSubjectNamesOneMemberOfEachWorkspaceAndTheRoutePicksIt() throws Exception {
        routes.set(put(ownerA, a, a.owner().id(), ALICE));
        Records.Member ann = members.add(ws(a), "Ann", Role.VIEWER);
        assertThat(jwt.authenticate(token(ALICE)).orElseThrow().workspaceId()).contains(ws(a)); // bound once

        // Bound in A, free in B: no 409, so B learns nothing of A and cannot squat A's users.
        assertThat(routes.set(put(ownerB, b, b.owner().id(), ALICE)).status()).isEqualTo(200);
        assertStatus(409, () -> routes.set(put(ownerA, a, ann.id(), ALICE)));
        assertThat(routes.set(put(ownerA, a, a.owner().id(), ALICE)).status()).isEqualTo(200); // unchanged: fine

        assertThat(jwt.authenticate(token(ALICE), ws(a)).orElseThrow().principalId())
                .isEqualTo(a.owner().id());
        assertThat(jwt.authenticate(token(ALICE), ws(b)).orElseThrow().principalId())
                .isEqualTo(b.owner().id());
        assertThat(jwt.authenticate(token(ALICE), Ids.next())).isEmpty();
        assertThat(jwt.authenticate(token(ALICE)))
                .as("bound twice: no route workspace, no member")
                .isEmpty();
    }

    @Test
    void theWorkspaceAndTheMemberComeFromTheCaller() throws Exception {
        assertStatus(404, () -> routes.set(put(ownerA, b, b.owner().id(), "mallory@idp")));
        assertStatus(404, () -> routes.set(put(ownerA, a, b.owner().id(), "mallory@idp")));
        assertStatus(404, () -> routes.get(request(ownerA, a, b.owner().id())));
        assertStatus(404, () -> routes.clear(request(ownerA, a, b.owner().id())));
        for (String id : new String[] {"x", "' OR 1=1", Ids.next()}) {
            assertStatus(404, () -> routes.set(put(ownerA, a, id, "mallory@idp")));
        }

        assertThat(jwt.authenticate(token("mallory@idp"))).isEmpty();
        assertThat(json(routes.get(request(ownerB, b, b.owner().id())))).contains("\"external_subject\":null");
    }

    @Test
    void nobodyBindsTheSubjectOfAMemberAboveTheirRole() throws Exception {
        Records.Member bob = members.add(ws(a), "Bob", Role.ADMIN);
        Caller adminKey = keys.authenticate(new ApiKeyStore(db.database, clock)
                        .create(
                                ws(a),
                                new ApiKeyStore.Maker(Role.OWNER, a.owner().id()),
                                new ApiKeyStore.Spec("bob", Role.ADMIN, null, bob.id()))
                        .token()
                        .value())
                .orElseThrow();

        assertStatus(403, () -> routes.set(put(adminKey, a, a.owner().id(), "bob@idp")));
        assertThat(routes.set(put(adminKey, a, bob.id(), "bob@idp")).status()).isEqualTo(200);

        Caller bobByJwt = jwt.authenticate(token("bob@idp")).orElseThrow();
        assertThat(bobByJwt.rateClass()).isEqualTo("admin");
        assertThat(bobByJwt.isPermitted("workspace:" + ws(a) + ":members:write"))
                .isTrue();
        assertThat(bobByJwt.isPermitted("workspace:" + ws(a) + ":api-keys:write"))
                .isTrue();
        assertStatus(403, () -> routes.set(put(bobByJwt, a, a.owner().id(), "bob2@idp")));
        assertStatus(
                403,
                () -> memberRoutes.changeRole(request(bobByJwt, a, bob.id()).withBody("{\"role\":\"owner\"}")));
        Records.Member cy = members.add(ws(a), "Cy", Role.VIEWER);
        assertThat(memberRoutes
                        .changeRole(request(bobByJwt, a, cy.id()).withBody("{\"role\":\"operator\"}"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void badSubjectsAreRefusedAndChangeNothing() throws Exception {
        routes.set(put(ownerA, a, a.owner().id(), ALICE));
        for (String subject : new String[] {
            "", " alice", "alice ", "al\nice", "al\u0000ice", "al\u200bice", "x".repeat(MemberSubjects.MAX_LENGTH + 1)
        }) {
            assertStatus(400, () -> routes.set(put(ownerA, a, a.owner().id(), subject)));
        }
        FakeRequest request = request(ownerA, a, a.owner().id());
        assertStatus(400, () -> routes.set(request.withBody("{}")));
        assertStatus(400, () -> routes.set(request.withBody("{\"subject\":null}")));
        assertStatus(400, () -> routes.set(request.withBody("{\"subject\":\"x\",\"workspace_id\":\"" + ws(b) + "\"}")));
        assertThat(routes.set(put(ownerA, a, a.owner().id(), "x".repeat(MemberSubjects.MAX_LENGTH)))
                        .status())
                .isEqualTo(200);
        assertThat(routes.set(put(ownerA, a, a.owner().id(), "Ålice ünicode|https://idp/x"))
                        .status())
                .isEqualTo(200);
        assertThat(jwt.authenticate(token("Ålice ünicode|https://idp/x"))).isPresent();
    }

    @Test
    void removingTheMemberEndsItsTokens() throws Exception {
        Records.Member ann = members.add(ws(a), "Ann", Role.VIEWER);
        routes.set(put(ownerA, a, ann.id(), "ann@idp"));
        assertThat(jwt.authenticate(token("ann@idp"))).isPresent();

        members.remove(ws(a), ann.id(), Role.OWNER);

        assertThat(jwt.authenticate(token("ann@idp"))).isEmpty();
        assertThat(jwt.authenticate(token(ALICE))).isEmpty();
        routes.set(put(ownerA, a, a.owner().id(), ALICE));
        assertThat(jwt.authenticate(token(ALICE))).isPresent();
    }

    static void assertStatus(int status, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(status));
    }
}
