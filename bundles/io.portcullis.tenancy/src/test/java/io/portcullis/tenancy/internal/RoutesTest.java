package io.portcullis.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.audit.testing.RecordingAuditLog;
import io.portcullis.store.Ids;
import io.portcullis.store.testing.TestDatabase;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.Caller;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import io.portcullis.web.testing.FakeRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handlers behind the routes, called as the web layer calls them after its access checks. */
class RoutesTest {

    private TestDatabase db;
    private KeyAuthenticator authenticator;
    private WorkspaceRoutes workspaceRoutes;
    private MemberRoutes memberRoutes;
    private ApiKeyRoutes keyRoutes;
    private WorkspaceStore.Created a;
    private WorkspaceStore.Created b;
    private Caller ownerA;
    private final RecordingAuditLog audit = new RecordingAuditLog();

    @BeforeEach
    void open() throws Exception {
        db = TestDatabase.h2("tenancy");
        Clock clock = Clock.systemUTC();
        authenticator = new KeyAuthenticator(
                new KeyLookup(db.database),
                AdminKey.of(ApiKeyToken.generate(Ids.next())),
                KeyAuthenticator.lastUsed(db.database, clock),
                clock);
        WorkspaceStore workspaces = new WorkspaceStore(db.database, clock);
        workspaceRoutes = new WorkspaceRoutes(workspaces, audit);
        memberRoutes = new MemberRoutes(new MemberStore(db.database, clock), audit);
        keyRoutes = new ApiKeyRoutes(new ApiKeyStore(db.database, clock), Duration.ofHours(24), audit);
        a = workspaces.create("A", "Alice");
        b = workspaces.create("B", "Bob");
        ownerA = authenticator.authenticate(a.key().token().value()).orElseThrow();
    }

    @AfterEach
    void close() {
        authenticator.close();
    }

    @Test
    void everyRouteNamesItsPermission() {
        for (Route route : concat(workspaceRoutes.routes(), memberRoutes.routes(), keyRoutes.routes())) {
            assertThat(route.access().anonymous()).as(route.path()).isFalse();
            if (isReadOfOneWorkspace(route)) { // the platform administrator's or a member's: the handler decides
                continue;
            }
            assertThat(route.access().permission()).as(route.path()).isNotNull();
            if (route.path().contains("/{ws}/")) {
                assertThat(route.access().workspaceBound()).as(route.path()).isTrue();
            }
        }
        assertThat(workspaceRoutes.routes())
                .filteredOn(r -> !isReadOfOneWorkspace(r))
                .allMatch(r -> r.access().permission().startsWith("platform:workspaces:"));
    }

    private static boolean isReadOfOneWorkspace(Route route) {
        return route.path().equals(WorkspaceRoutes.BASE + "/{ws}")
                && route.method() == io.portcullis.web.HttpMethod.GET;
    }

    @Test
    void bodiesRefuseAWorkspaceIdOrARoleWhereNoneBelongs() throws Exception {
        FakeRequest request = FakeRequest.of(ownerA, Map.of("ws", ws(a)));

        assertStatus(
                400, () -> keyRoutes.create(request.withBody("{\"name\":\"k\",\"workspace_id\":\"" + ws(b) + "\"}")));
        assertStatus(
                400,
                () -> memberRoutes.changeRole(FakeRequest.of(
                                ownerA, Map.of("ws", ws(a), "id", a.owner().id()))
                        .withBody("{\"role\":\"owner\",\"workspace_id\":\"" + ws(b) + "\"}")));
        assertStatus(
                400,
                () -> memberRoutes.changeRole(FakeRequest.of(
                                ownerA, Map.of("ws", ws(a), "id", a.owner().id()))
                        .withBody("{\"role\":\"superuser\"}")));
        assertStatus(400, () -> keyRoutes.create(request.withBody("{\"name\":\"\\u202egnp.exe\"}")));
        assertStatus(400, () -> keyRoutes.create(request.withBody("{\"name\":\"" + "x".repeat(101) + "\"}")));
        assertThat(keys(a)).isEqualTo(1);
    }

    @Test
    void aKeyNameHoldingASecretIsRefusedBeforeAnythingIsRecorded() throws Exception {
        FakeRequest request = FakeRequest.of(ownerA, Map.of("ws", ws(a)));
        int recorded = audit.events.size();

        assertStatus(
                400, () -> keyRoutes.create(request.withBody("{\"name\":\"ci " + FakeRequest.LIVE_SECRET + "\"}")));
        assertThat(keys(a)).isEqualTo(1);
        assertThat(audit.events).hasSize(recorded);

        keyRoutes.create(request.withBody("{\"name\":\"ci deploy\"}"));
        assertThat(keys(a)).isEqualTo(2);
    }

    @Test
    void theWorkspaceComesFromTheCallerNeverFromThePath() throws Exception {
        FakeRequest foreign = FakeRequest.of(ownerA, Map.of("ws", ws(b)));

        assertStatus(404, () -> memberRoutes.list(foreign));
        assertStatus(404, () -> keyRoutes.create(foreign.withBody("{\"name\":\"k\"}")));
        assertStatus(
                404,
                () -> keyRoutes.revoke(FakeRequest.of(
                        ownerA, Map.of("ws", ws(b), "id", b.key().key().id()))));
        assertThat(keys(b)).isEqualTo(1);
        assertThat(authenticator.authenticate(b.key().token().value())).isPresent();
    }

    @Test
    void malformedAndForeignIdsAreNotFound() {
        for (String id : new String[] {
            "x", "' OR 1=1", "0123456789ABCDEF01234567", b.key().key().id(), Ids.next()
        }) {
            Map<String, String> path = Map.of("ws", ws(a), "id", id);
            assertStatus(404, () -> keyRoutes.revoke(FakeRequest.of(ownerA, path)));
            assertStatus(404, () -> keyRoutes.get(FakeRequest.of(ownerA, path)));
            assertStatus(404, () -> memberRoutes.remove(FakeRequest.of(ownerA, path)));
        }
        assertStatus(
                404,
                () -> keyRoutes.create(FakeRequest.of(ownerA, Map.of("ws", ws(a)))
                        .withBody("{\"name\":\"k\",\"member_id\":\"" + b.owner().id() + "\"}")));
    }

    @Test
    void theFullKeyIsShownOnceAndNoSecretOrHashIsEverListed() throws Exception {
        FakeRequest request = FakeRequest.of(ownerA, Map.of("ws", ws(a)));

        ApiResponse created = keyRoutes.create(request.withBody("{\"name\":\"ci\",\"role\":\"operator\"}"));
        String createdJson = FakeRequest.json(created.body());
        String key = FakeRequest.JSON.readTree(createdJson).get("key").asText();
        ApiKeyToken token = ApiKeyToken.parse(key).orElseThrow();
        String listed = FakeRequest.json(keyRoutes.list(request).body());
        String one = FakeRequest.json(keyRoutes
                .get(FakeRequest.of(ownerA, Map.of("ws", ws(a), "id", token.id())))
                .body());

        assertThat(created.status()).isEqualTo(201);
        assertThat(createdJson).contains("\"role\":\"operator\"");
        for (String json : new String[] {listed, one}) {
            assertThat(json)
                    .contains("pk_" + token.id())
                    .doesNotContain(token.secret())
                    .doesNotContain(SecretHash.hex(SecretHash.of(token.secret())))
                    .doesNotContain("\"key\"")
                    .doesNotContain("hash");
        }
        assertThat(authenticator.authenticate(key).orElseThrow().rateClass()).isEqualTo("operator");
    }

    @Test
    void aViewerCannotActOnKeysAboveItsRole() throws Exception {
        FakeRequest request = FakeRequest.of(ownerA, Map.of("ws", ws(a)));
        String viewerKey = FakeRequest.JSON
                .readTree(FakeRequest.json(
                        keyRoutes.create(request.withBody("{\"name\":\"v\"}")).body()))
                .get("key")
                .asText();
        Caller viewer = authenticator.authenticate(viewerKey).orElseThrow();
        FakeRequest asViewer =
                FakeRequest.of(viewer, Map.of("ws", ws(a), "id", a.key().key().id()));

        assertThat(viewer.rateClass()).isEqualTo("viewer"); // the default role of a new key
        assertStatus(403, () -> keyRoutes.create(asViewer.withBody("{\"name\":\"k\",\"role\":\"admin\"}")));
        assertStatus(403, () -> keyRoutes.revoke(asViewer));
        assertStatus(403, () -> keyRoutes.rotate(asViewer));
        assertStatus(
                403,
                () -> memberRoutes.changeRole(FakeRequest.of(
                                viewer, Map.of("ws", ws(a), "id", a.owner().id()))
                        .withBody("{\"role\":\"viewer\"}")));
    }

    @Test
    void thePlatformAdminCreatesListsRenamesAndDeletesWorkspaces() throws Exception {
        Caller platform = ownerA; // the handler trusts the route's permission check; any caller will do here
        ApiResponse created = workspaceRoutes.create(
                FakeRequest.of(platform, Map.of()).withBody("{\"name\":\"C\",\"owner\":{\"name\":\"Carol\"}}"));
        String id = FakeRequest.JSON
                .readTree(FakeRequest.json(created.body()))
                .get("workspace")
                .get("id")
                .asText();

        assertThat(created.headers()).containsEntry("Location", "/api/v1/workspaces/" + id);
        assertThat(FakeRequest.json(workspaceRoutes
                        .list(new FakeRequest(platform, Map.of(), Map.of("limit", "2"), ""))
                        .body()))
                .contains("\"next_cursor\":\"");
        assertThat(FakeRequest.json(workspaceRoutes
                        .rename(FakeRequest.of(platform, Map.of("ws", id)).withBody("{\"name\":\"C2\"}"))
                        .body()))
                .contains("\"name\":\"C2\"");
        assertStatus(
                400,
                () -> workspaceRoutes.create(FakeRequest.of(platform, Map.of())
                        .withBody("{\"name\":\"D\",\"owner\":{\"name\":\"Dan\",\"role\":\"viewer\"}}")));
        assertThat(workspaceRoutes
                        .delete(FakeRequest.of(platform, Map.of("ws", id)))
                        .status())
                .isEqualTo(204);
        assertStatus(404, () -> workspaceRoutes.get(FakeRequest.of(platform, Map.of("ws", id))));
        assertStatus(400, () -> workspaceRoutes.list(new FakeRequest(platform, Map.of(), Map.of("cursor", "zz"), "")));
    }

    @Test
    void workspaceAndOwnerNamesAreStoredInOneSpelling() throws Exception {
        Caller platform = ownerA; // the handler trusts the route's permission check; any caller will do here
        ApiResponse created = workspaceRoutes.create(FakeRequest.of(platform, Map.of())
                .withBody("{\"name\":\"Cafe\u0301\",\"owner\":{\"name\":\"Jose\u0301\"}}")); // e + combining acute
        String body = FakeRequest.json(created.body());

        assertThat(FakeRequest.JSON.readTree(body).get("workspace").get("name").asText())
                .isEqualTo("Caf\u00e9");
        assertThat(body)
                .contains("Jos\u00e9")
                .doesNotContain("\u0301"); // the owner too: precomposed, as typed elsewhere
    }

    private static String ws(WorkspaceStore.Created created) {
        return created.workspace().id();
    }

    private long keys(WorkspaceStore.Created created) throws Exception {
        return new ApiKeyStore(db.database, Clock.systemUTC())
                .list(ws(created), new PageRequest(200, ""))
                .items()
                .size();
    }

    private static void assertStatus(int status, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(status));
    }

    @SafeVarargs
    private static List<Route> concat(List<Route>... lists) {
        return Arrays.stream(lists).flatMap(List::stream).toList();
    }
}
