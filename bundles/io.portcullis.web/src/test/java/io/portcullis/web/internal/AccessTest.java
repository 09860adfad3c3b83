package io.portcullis.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.Route;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Authentication and authorization of routes over real HTTP, with a fake authenticator. */
class AccessTest {

    private static TestServer server;
    private static Http http;
    private static final List<String> handled = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        server = new TestServer(TestConfig.ephemeral(1024));
        http = server.http;
        server.component.authenticators().add("fake", "fake", 0, 1, FAKE);
        server.component.addRoutes("access", "access test", routes());
    }

    private static final FakeCallers FAKE = new FakeCallers();

    static io.portcullis.web.RouteProvider routes() {
        return () -> List.of(
                Route.get("/api/v1/public", r -> ApiResponse.ok(Map.of("public", true)))
                        .publicAccess(),
                Route.get("/api/v1/public-caller", r -> {
                            try {
                                return ApiResponse.ok(
                                        Map.of("caller", r.caller().id()));
                            } catch (IllegalStateException e) {
                                return ApiResponse.ok(Map.of("caller", "none"));
                            }
                        })
                        .publicAccess(),
                Route.get("/api/v1/public-mdc", r -> ApiResponse.ok(mdc())).publicAccess(),
                Route.get("/api/v1/me", r -> {
                    Map<String, Object> body = new HashMap<>(mdc());
                    body.put("caller", r.caller().id());
                    return ApiResponse.ok(body);
                }),
                Route.get("/api/v1/workspaces/{ws}/members", r -> {
                            handled.add("members " + r.pathParam("ws"));
                            return ApiResponse.ok(Map.of(
                                    "ws",
                                    r.pathParam("ws"),
                                    "caller",
                                    r.caller().id()));
                        })
                        .requires("workspace:{ws}:members:read"),
                Route.get("/api/v1/reports/{ws}", r -> {
                            handled.add("reports " + r.pathParam("ws"));
                            return ApiResponse.ok(Map.of("ws", r.pathParam("ws")));
                        })
                        .requires("reports:{ws}:read"));
    }

    private static Map<String, String> mdc() {
        Map<String, String> values = new HashMap<>();
        values.put("workspace_mdc", String.valueOf(MDC.get("workspace_id")));
        values.put("caller_mdc", String.valueOf(MDC.get("caller_id")));
        return values;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clear() {
        handled.clear();
    }

    static HttpResponse<String> get(Http http, String path, String... authorization) {
        HttpRequest.Builder request = http.request(path).GET();
        for (String value : authorization) {
            request.header("Authorization", value);
        }
        return http.send(request.build());
    }

    private static HttpResponse<String> get(String path, String... authorization) {
        return get(http, path, authorization);
    }

    /** The problem body without what differs per request (request id, path). */
    static JsonNode comparable(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        ObjectNode body = (ObjectNode) Http.json(response);
        assertThat(body.remove("request_id").asText()).isNotBlank();
        body.remove("instance");
        return body;
    }

    /** Header names, without those whose presence depends on the body or the clock. */
    static Set<String> headerNames(HttpResponse<String> response) {
        Set<String> names = new TreeSet<>(response.headers().map().keySet());
        names.removeAll(Set.of("date", "content-length", ":status"));
        return names;
    }

    @Test
    void publicRoutesNeedNoCredentialAndNeverLookAtOne() {
        assertThat(get("/api/v1/public").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/public", "Bearer alice-token").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/public", "Basic garbage").statusCode()).isEqualTo(200);
        assertThat(Http.json(get("/api/v1/public-caller", "Bearer alice-token"))
                        .get("caller")
                        .asText())
                .isEqualTo("none");
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        assertThat(get("/health/ready").statusCode()).isEqualTo(503); // not ready, but not 401: public
    }

    @Test
    void everyOtherRouteNeedsACredentialAndSeesItsCaller() {
        HttpResponse<String> anonymous = get("/api/v1/me");
        assertThat(anonymous.statusCode()).isEqualTo(401);

        HttpResponse<String> alice = get("/api/v1/me", "Bearer alice-token");
        assertThat(alice.statusCode()).isEqualTo(200);
        assertThat(Http.json(alice).get("caller").asText()).isEqualTo("alice");
    }

    @Test
    void everyRefusedCredentialGetsTheSameAnswer() {
        List<String[]> refused = List.of(
                new String[0],
                new String[] {"Basic YWxpY2U6cHc="},
                new String[] {"Bearer"},
                new String[] {"Bearer alice-token extra"},
                new String[] {"Bearer al\"ice"},
                new String[] {"Token alice-token"},
                new String[] {"Bearer unknown-secret-token"},
                new String[] {"Bearer alice-token", "Bearer alice-token"});
        List<JsonNode> bodies = new ArrayList<>();
        List<Set<String>> headers = new ArrayList<>();
        for (String[] authorization : refused) {
            HttpResponse<String> response = get("/api/v1/me", authorization);
            assertThat(response.statusCode())
                    .as(String.join(" | ", authorization))
                    .isEqualTo(401);
            assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer");
            assertThat(response.body()).doesNotContain("alice", "unknown-secret", "YWxp", "Basic", "Token");
            bodies.add(comparable(response));
            headers.add(headerNames(response));
        }
        assertThat(bodies).allSatisfy(body -> assertThat(body).isEqualTo(bodies.get(0)));
        assertThat(headers).allSatisfy(names -> assertThat(names).isEqualTo(headers.get(0)));
        assertThat(bodies.get(0).get("title").asText()).isEqualTo("Unauthorized");
        assertThat(bodies.get(0).get("detail").asText()).isEqualTo("A valid credential is required.");

        // The scheme is case-insensitive.
        assertThat(get("/api/v1/me", "bearer alice-token").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/me", "BEARER alice-token").statusCode()).isEqualTo(200);
    }

    @Test
    void withoutAnyAuthenticatorProtectedRoutesAre503() {
        try (TestServer bare = new TestServer(TestConfig.ephemeral(1024))) {
            bare.component.addRoutes("access", "access test", routes());

            HttpResponse<String> response = get(bare.http, "/api/v1/me", "Bearer alice-token");
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(Http.json(response).get("detail").asText()).isEqualTo("Authentication is not available.");
            assertThat(get(bare.http, "/api/v1/public").statusCode()).isEqualTo(200);

            bare.component.authenticators().add("late", "late", 0, 1, new FakeCallers());
            assertThat(get(bare.http, "/api/v1/me", "Bearer alice-token").statusCode())
                    .isEqualTo(200);
            bare.component.authenticators().remove("late");
            assertThat(get(bare.http, "/api/v1/me", "Bearer alice-token").statusCode())
                    .isEqualTo(503);
        }
    }

    @Test
    void anotherWorkspaceLooksExactlyLikeAnUnknownPath() {
        HttpResponse<String> unknown = get("/api/v1/nothing/here", "Bearer alice-token");
        HttpResponse<String> other = get("/api/v1/workspaces/ws2/members", "Bearer alice-token");
        HttpResponse<String> missing = get("/api/v1/workspaces/no-such-ws/members", "Bearer alice-token");
        HttpResponse<String> tenantHeader = http.send(http.request("/api/v1/workspaces/ws2/members")
                .header("Authorization", "Bearer alice-token")
                .header("X-Tenant-Id", "ws2")
                .GET()
                .build());
        HttpResponse<String> platform = get("/api/v1/workspaces/ws1/members", "Bearer admin-token");

        for (HttpResponse<String> response : List.of(other, missing, tenantHeader, platform)) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(comparable(response)).isEqualTo(comparable(unknown));
            assertThat(headerNames(response)).isEqualTo(headerNames(unknown));
        }
        assertThat(handled).isEmpty();

        // The legitimate paths: each caller in its own workspace, whatever a tenant header says.
        HttpResponse<String> own = http.send(http.request("/api/v1/workspaces/ws1/members")
                .header("Authorization", "Bearer alice-token")
                .header("X-Tenant-Id", "ws2")
                .GET()
                .build());
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(Http.json(own).get("ws").asText()).isEqualTo("ws1");
        assertThat(get("/api/v1/workspaces/ws2/members", "Bearer carol-token").statusCode())
                .isEqualTo(200);
        assertThat(handled).containsExactly("members ws1", "members ws2");
    }

    @Test
    void theRoutesWorkspaceReachesTheAuthenticatorToPickTheMember() {
        FAKE.routeWorkspaces.clear();
        get("/api/v1/workspaces/ws2/members", "Bearer carol-token");
        get("/api/v1/reports/a", "Bearer admin-token");

        assertThat(FAKE.routeWorkspaces).containsExactly("ws2", "a");
    }

    @Test
    void ownWorkspaceWithoutThePermissionIs403() {
        HttpResponse<String> bob = get("/api/v1/workspaces/ws1/members", "Bearer bob-token");

        assertThat(bob.statusCode()).isEqualTo(403);
        JsonNode body = Http.json(bob);
        assertThat(body.get("title").asText()).isEqualTo("Forbidden");
        assertThat(body.get("detail").asText()).doesNotContain("members", "ws1");
        assertThat(body.get("detail").asText()).endsWith("requires role operator.");
        assertThat(handled).isEmpty();

        HttpResponse<String> alice = get("/api/v1/workspaces/ws1/members", "Bearer alice-token");
        assertThat(alice.statusCode()).isEqualTo(200);
        assertThat(Http.json(alice).get("caller").asText()).isEqualTo("alice");
    }

    @Test
    void pathValuesCannotInjectPermissionParts() {
        HttpResponse<String> unknown = get("/api/v1/nothing/here", "Bearer admin-token");
        // The admin holds reports:a, which (like Shiro) implies reports:a:<anything>.
        for (String ws : List.of("a:*", "a%3A%2A", "a%3Aread", "a,b", "a%2Cb", "a%20", "%09a", "*")) {
            HttpResponse<String> response = get("/api/v1/reports/" + ws, "Bearer admin-token");
            assertThat(response.statusCode()).as(ws).isEqualTo(404);
            assertThat(comparable(response)).isEqualTo(comparable(unknown));
        }
        // The same guard on a workspace route, for a caller whose workspace id would match.
        assertThat(get("/api/v1/workspaces/a:*/members", "Bearer odd-token").statusCode())
                .isEqualTo(404);
        assertThat(get("/api/v1/workspaces/a%3A%2A/members", "Bearer odd-token").statusCode())
                .isEqualTo(404);
        assertThat(handled).isEmpty();

        assertThat(get("/api/v1/reports/a", "Bearer admin-token").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/reports/b", "Bearer admin-token").statusCode()).isEqualTo(403);
        assertThat(handled).containsExactly("reports a");
    }

    @Test
    void theCallersWorkspaceIsInTheMdcAndTheRequestLogLine() {
        try (LogCapture log = new LogCapture("io.portcullis.web.request")) {
            JsonNode alice = Http.json(get("/api/v1/me", "Bearer alice-token"));
            JsonNode admin = Http.json(get("/api/v1/me", "Bearer admin-token"));
            get("/api/v1/me", "Bearer unknown-token");
            get("/api/v1/public");

            assertThat(alice.get("workspace_mdc").asText()).isEqualTo("ws1");
            assertThat(alice.get("caller_mdc").asText()).isEqualTo("alice");
            assertThat(admin.get("workspace_mdc").asText()).isEqualTo("platform");
            assertThat(log.awaitLines(4).lines()).hasSize(4);
            assertThat(log.lines().get(0)).matches("INFO method=GET route=/api/v1/me status=200 .* workspace=ws1");
            assertThat(log.lines().get(1)).endsWith(" workspace=platform");
            assertThat(log.lines().get(2)).contains("status=401").endsWith(" workspace=-");
            assertThat(log.lines().get(3)).contains("status=200").endsWith(" workspace=-");
            assertThat(log.events().get(0).getMDCPropertyMap())
                    .containsEntry("workspace_id", "ws1")
                    .containsEntry("caller_id", "alice");
            assertThat(log.events().get(3).getMDCPropertyMap()).doesNotContainKeys("workspace_id", "caller_id");
        }
        // Worker threads are reused: nothing of an earlier caller stays in their MDC.
        for (int i = 0; i < 20; i++) {
            get("/api/v1/me", "Bearer alice-token");
            JsonNode after = Http.json(get("/api/v1/public-mdc"));
            assertThat(after.get("workspace_mdc").asText()).isEqualTo("null");
            assertThat(after.get("caller_mdc").asText()).isEqualTo("null");
        }
    }

    @Test
    void authenticatorsAreAskedByRankingAndOneThatThrowsCountsAsNo() {
        try (TestServer ranked = new TestServer(TestConfig.ephemeral(1024));
                LogCapture log = new LogCapture(Authenticators.class.getName())) {
            ranked.component.addRoutes("access", "access test", routes());
            FakeCallers fallback = new FakeCallers();
            ranked.component.authenticators().add("low", "low (service 3)", 0, 3, fallback);
            ranked.component.authenticators().add("throws", "throws (service 1)", 10, 1, bearer -> {
                throw new IllegalStateException("cannot check " + bearer);
            });
            ranked.component
                    .authenticators()
                    .add(
                            "high",
                            "high (service 2)",
                            5,
                            2,
                            bearer -> bearer.equals("alice-token")
                                    ? java.util.Optional.of(FakeCallers.CAROL)
                                    : java.util.Optional.empty());

            HttpResponse<String> response = get(ranked.http, "/api/v1/me", "Bearer alice-token");

            assertThat(Http.json(response).get("caller").asText()).isEqualTo("carol"); // "high" answered first
            assertThat(fallback.calls).hasValue(0);
            assertThat(Http.json(get(ranked.http, "/api/v1/me", "Bearer bob-token"))
                            .get("caller")
                            .asText())
                    .isEqualTo("bob");
            assertThat(log.lines())
                    .hasSize(2)
                    .allSatisfy(line -> assertThat(line)
                            .startsWith(
                                    "WARN Authenticator throws (service 1) failed with java.lang.IllegalStateException")
                            .doesNotContain("alice-token", "bob-token"));
        }
    }
}
