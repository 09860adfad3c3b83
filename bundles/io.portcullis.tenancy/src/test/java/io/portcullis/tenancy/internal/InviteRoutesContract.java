package io.portcullis.tenancy.internal;

import static io.portcullis.tenancy.internal.InviteContract.assertStatus;
import static io.portcullis.tenancy.internal.InviteContract.catchProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.audit.testing.RecordingAuditLog;
import io.portcullis.store.Engine;
import io.portcullis.store.Ids;
import io.portcullis.store.testing.TestDatabase;
import io.portcullis.tenancy.Role;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.Caller;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import io.portcullis.web.testing.FakeRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The invite handlers, called as the web layer calls them after its access checks, on every engine. */
abstract class InviteRoutesContract {

    private final Engine engine;
    private TestDatabase db;
    private KeyAuthenticator authenticator;
    private InviteRoutes routes;
    private MemberStore members;
    private WorkspaceStore.Created a;
    private WorkspaceStore.Created b;
    private Caller ownerA;
    private Caller adminA;
    private final RecordingAuditLog audit = new RecordingAuditLog();

    InviteRoutesContract(Engine engine) {
        this.engine = engine;
    }

    @BeforeEach
    void open() throws Exception {
        db = TestDatabase.of(engine, "tenancy");
        Clock clock = Clock.systemUTC();
        authenticator = new KeyAuthenticator(
                new KeyLookup(db.database),
                AdminKey.of(ApiKeyToken.generate(Ids.next())),
                KeyAuthenticator.lastUsed(db.database, clock),
                clock);
        WorkspaceStore workspaces = new WorkspaceStore(db.database, clock);
        members = new MemberStore(db.database, clock);
        routes = new InviteRoutes(new InviteStore(db.database, clock), new InviteAcceptance(db.database, clock), audit);
        a = workspaces.create("A", "Alice");
        b = workspaces.create("B", "Bob");
        ownerA = authenticator.authenticate(a.key().token().value()).orElseThrow();
        Records.NewKey admin = new ApiKeyStore(db.database, clock)
                .create(
                        ws(a),
                        new ApiKeyStore.Maker(Role.OWNER, a.owner().id()),
                        new ApiKeyStore.Spec("admin", Role.ADMIN, null, null));
        adminA = authenticator.authenticate(admin.token().value()).orElseThrow();
    }

    @AfterEach
    void close() {
        authenticator.close();
    }

    @Test
    void onlyAcceptIsPublicAndTheRestNeedInvitePermissionsOfTheirWorkspace() {
        List<Route> all = routes.routes();
        assertThat(all).hasSize(4);
        for (Route route : all) {
            if (route.path().equals(InviteRoutes.ACCEPT)) {
                assertThat(route.access().anonymous()).isTrue();
            } else {
                assertThat(route.access().anonymous()).as(route.path()).isFalse();
                assertThat(route.access().workspaceBound()).as(route.path()).isTrue();
                assertThat(route.access().permission()).as(route.path()).startsWith("workspace:{ws}:invites:");
            }
        }
        String ws = "workspace:" + ws(a) + ":invites:";
        assertThat(ownerA.isPermitted(ws + "write")).isTrue();
        assertThat(adminA.isPermitted(ws + "write")).isTrue();
        assertThat(adminA.isPermitted(ws + "read")).isTrue();
        assertThat(adminA.isPermitted("workspace:" + ws(b) + ":invites:write")).isFalse();
        for (Role role : new Role[] {Role.OPERATOR, Role.VIEWER}) {
            assertThat(Permissions.of(role, ws(a))).noneMatch(p -> p.contains("invites:write") || p.endsWith(":*"));
        }
    }

    @Test
    void theTokenIsShownOnceAndNeverListed() throws Exception {
        ApiResponse created = routes.create(request(adminA).withBody("{\"name\":\"Olga\",\"role\":\"operator\"}"));
        String createdJson = FakeRequest.json(created.body());
        JsonNode body = FakeRequest.JSON.readTree(createdJson);
        InviteToken token = InviteToken.parse(body.get("token").asText()).orElseThrow();
        String listed = FakeRequest.json(routes.list(request(ownerA)).body());

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers())
                .containsEntry("Location", "/api/v1/workspaces/" + ws(a) + "/invites/" + token.id());
        assertThat(body.get("id").asText()).isEqualTo(token.id());
        assertThat(body.get("role").asText()).isEqualTo("operator");
        assertThat(Duration.between(
                        Instant.parse(body.get("created_at").asText()),
                        Instant.parse(body.get("expires_at").asText())))
                .isEqualTo(Duration.ofHours(72));
        assertThat(listed)
                .contains(token.id())
                .contains("Olga")
                .doesNotContain(token.secret())
                .doesNotContain(SecretHash.hex(SecretHash.of(token.secret())))
                .doesNotContain("token")
                .doesNotContain("hash");
    }

    @Test
    void badInviteBodiesAreRefused() throws Exception {
        FakeRequest request = request(ownerA);

        assertStatus(
                400,
                () -> routes.create(request.withBody("{\"name\":\"x\",\"role\":\"operator\",\"expires_in_hours\":0}")));
        assertStatus(
                400,
                () -> routes.create(
                        request.withBody("{\"name\":\"x\",\"role\":\"operator\",\"expires_in_hours\":721}")));
        assertStatus(400, () -> routes.create(request.withBody("{\"name\":\"x\",\"role\":\"root\"}")));
        assertStatus(400, () -> routes.create(request.withBody("{\"name\":\"x\"}")));
        assertStatus(400, () -> routes.create(request.withBody("{\"name\":\"\\u202egnp.exe\",\"role\":\"viewer\"}")));
        assertStatus(
                400,
                () -> routes.create(
                        request.withBody("{\"name\":\"x\",\"role\":\"viewer\",\"workspace_id\":\"" + ws(b) + "\"}")));
        assertStatus(403, () -> routes.create(request(adminA).withBody("{\"name\":\"x\",\"role\":\"owner\"}")));
        ApiResponse longest =
                routes.create(request.withBody("{\"name\":\"x\",\"role\":\"owner\",\"expires_in_hours\":720}"));
        JsonNode body = FakeRequest.JSON.readTree(FakeRequest.json(longest.body()));
        assertThat(Duration.between(
                        Instant.parse(body.get("created_at").asText()),
                        Instant.parse(body.get("expires_at").asText())))
                .isEqualTo(Duration.ofHours(720));
        assertThat(FakeRequest.JSON
                        .readTree(FakeRequest.json(routes.list(request).body()))
                        .get("items"))
                .hasSize(1);
    }

    @Test
    void acceptBindsTheInviteeToTheInvitesWorkspaceAndRoleWhateverTheBodySays() throws Exception {
        String token = createToken(ownerA, "Olga", "viewer");
        String[] massAssignments = {
            "{\"token\":\"" + token + "\",\"workspace_id\":\"" + ws(b) + "\"}",
            "{\"token\":\"" + token + "\",\"role\":\"owner\"}",
            "{\"token\":\"" + token + "\",\"member\":{\"role\":\"owner\"}}",
            "{\"token\":\"" + token + "\",\"name\":\"Mallory\"}",
        };
        for (String body : massAssignments) {
            assertStatus(400, () -> routes.accept(publicRequest(body)));
        }
        assertThat(memberNames(a)).containsExactly("Alice");
        assertThat(memberNames(b)).containsExactly("Bob");

        ApiResponse accepted = routes.accept(publicRequest("{\"token\":\"" + token + "\"}"));

        JsonNode json = FakeRequest.JSON.readTree(FakeRequest.json(accepted.body()));
        assertThat(accepted.status()).isEqualTo(201);
        assertThat(json.get("workspace_id").asText()).isEqualTo(ws(a));
        assertThat(json.get("member").get("role").asText()).isEqualTo("viewer");
        assertThat(json.get("api_key").get("role").asText()).isEqualTo("viewer");
        assertThat(json.get("api_key").get("member_id").asText())
                .isEqualTo(json.get("member").get("id").asText());
        assertThat(FakeRequest.json(accepted.body())).doesNotContain(token);
        Caller olga = authenticator
                .authenticate(json.get("api_key").get("key").asText())
                .orElseThrow();
        assertThat(olga.workspaceId()).contains(ws(a));
        assertThat(olga.rateClass()).isEqualTo("viewer");
        assertThat(memberNames(a)).containsExactlyInAnyOrder("Alice", "Olga");
        assertThat(memberNames(b)).containsExactly("Bob");
        assertThat(FakeRequest.JSON
                        .readTree(FakeRequest.json(routes.list(request(ownerA)).body()))
                        .get("items"))
                .isEmpty();
    }

    @Test
    void everyBadTokenGetsTheSameProblemAndNoneIsEchoed() throws Exception {
        String token = createToken(ownerA, "Olga", "viewer");
        routes.accept(publicRequest("{\"token\":\"" + token + "\"}"));
        String unknown = InviteToken.generate(Ids.next()).value();
        String wrongSecret = "pi_"
                + InviteToken.parse(createToken(ownerA, "X", "viewer"))
                        .orElseThrow()
                        .id() + "_" + Ids.hex(32);
        String withdrawn = createToken(ownerA, "W", "viewer");
        routes.withdraw(
                request(ownerA, InviteToken.parse(withdrawn).orElseThrow().id()));

        List<String> problems = new java.util.ArrayList<>();
        for (String body : new String[] {
            "{\"token\":\"" + token + "\"}", // used
            "{\"token\":\"" + unknown + "\"}",
            "{\"token\":\"" + wrongSecret + "\"}",
            "{\"token\":\"" + withdrawn + "\"}",
            "{\"token\":\"" + a.key().token().value() + "\"}",
            "{\"token\":\"nonsense\"}",
            "{\"token\":null}",
            "{}",
        }) {
            ProblemException problem = catchProblem(() -> routes.accept(publicRequest(body)));
            problems.add(problem.status() + " " + problem.title() + " " + problem.detail());
            assertThat(problem.detail())
                    .doesNotContain("pi_")
                    .doesNotContain("pk_")
                    .doesNotContain("nonsense");
        }
        assertThat(problems).hasSize(8).allMatch(problems.get(0)::equals);
        assertThat(problems.get(0)).startsWith("400 ");
        assertThat(memberNames(a)).containsExactlyInAnyOrder("Alice", "Olga");
    }

    @Test
    void inviteIdsOfAnotherWorkspaceOrOfTheWrongShapeAreNotFound() throws Exception {
        Caller ownerB = authenticator.authenticate(b.key().token().value()).orElseThrow();
        ApiResponse ofB = routes.create(
                FakeRequest.of(ownerB, Map.of("ws", ws(b))).withBody("{\"name\":\"Bea\",\"role\":\"admin\"}"));
        String idOfB = FakeRequest.JSON
                .readTree(FakeRequest.json(ofB.body()))
                .get("id")
                .asText();

        for (String id : new String[] {idOfB, Ids.next(), "x", "' OR 1=1", idOfB.toUpperCase()}) {
            assertStatus(404, () -> routes.withdraw(request(ownerA, id)));
        }
        assertStatus(404, () -> routes.list(new FakeRequest(ownerA, Map.of("ws", ws(b)), Map.of(), "")));
        assertStatus(
                404,
                () -> routes.create(
                        new FakeRequest(ownerA, Map.of("ws", ws(b)), Map.of(), "{\"name\":\"M\",\"role\":\"owner\"}")));
        assertThat(FakeRequest.json(
                        routes.list(FakeRequest.of(ownerB, Map.of("ws", ws(b)))).body()))
                .contains(idOfB);
        assertThat(routes.withdraw(FakeRequest.of(ownerB, Map.of("ws", ws(b), "id", idOfB)))
                        .status())
                .isEqualTo(204);
    }

    private String createToken(Caller caller, String name, String role) throws Exception {
        ApiResponse created =
                routes.create(request(caller).withBody("{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}"));
        return FakeRequest.JSON
                .readTree(FakeRequest.json(created.body()))
                .get("token")
                .asText();
    }

    private FakeRequest request(Caller caller) {
        return FakeRequest.of(caller, Map.of("ws", ws(a)));
    }

    private FakeRequest request(Caller caller, String id) {
        return FakeRequest.of(caller, Map.of("ws", ws(a), "id", id));
    }

    /** As on a public route: there is no caller, and asking for one fails. */
    private static FakeRequest publicRequest(String body) {
        return new FakeRequest(NO_CALLER, Map.of(), Map.of(), body);
    }

    private List<String> memberNames(WorkspaceStore.Created ws) throws Exception {
        return members.list(ws(ws), new PageRequest(200, "")).items().stream()
                .map(Records.Member::name)
                .toList();
    }

    private static String ws(WorkspaceStore.Created created) {
        return created.workspace().id();
    }

    private static final Caller NO_CALLER = new Caller() {
        @Override
        public String id() {
            throw new IllegalStateException("public route");
        }

        @Override
        public Optional<String> workspaceId() {
            throw new IllegalStateException("public route");
        }

        @Override
        public String rateClass() {
            throw new IllegalStateException("public route");
        }

        @Override
        public boolean isPermitted(String permission) {
            throw new IllegalStateException("public route");
        }
    };
}
