package io.portcullis.tools.internal.api;

import static io.portcullis.tools.testing.Harness.OTHER_WS;
import static io.portcullis.tools.testing.Harness.WS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.spi.Risk;
import io.portcullis.store.testing.TestDatabase;
import io.portcullis.tools.internal.approvals.ApprovalStore;
import io.portcullis.tools.internal.approvals.Approvals;
import io.portcullis.tools.testing.FakePolicy;
import io.portcullis.tools.testing.Harness;
import io.portcullis.tools.testing.TestTool;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.Caller;
import io.portcullis.web.HttpMethod;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import io.portcullis.web.testing.FakeRequest;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The routes over an H2 queue and the fake invoker harness. */
class RoutesTest {

    static final String TOOLS = ToolRoutes.BASE;
    static final String INVOKE = ToolRoutes.BASE + "/{name}/invocations";
    static final String APPROVALS = ApprovalRoutes.BASE;
    static final Caller OPERATOR_A = new FakeCaller("op-a", WS);
    static final Caller OPERATOR_B = new FakeCaller("op-b", OTHER_WS);

    Harness h;
    ToolsApi api;
    TestTool read;
    TestTool destructive;

    @BeforeEach
    void setUp() throws Exception {
        TestDatabase db = TestDatabase.h2("tools");
        ApprovalStore[] store = new ApprovalStore[1];
        h = new Harness(4, 16, Harness.lazily(() -> store[0]));
        store[0] = new ApprovalStore(db.database, h.clock);
        api = new ToolsApi(
                h.invoker,
                new Approvals(
                        store[0], h.invoker, h.policy, h.audit, new io.portcullis.tools.testing.FakeMembership()));
        read = h.add(TestTool.echo("search.docs", Risk.READ));
        destructive = h.add(TestTool.echo("ticket.delete", Risk.DESTRUCTIVE));
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void routesRequireTheirPermissions() {
        assertThat(route(HttpMethod.GET, TOOLS).access().permission()).isEqualTo("workspace:{ws}:tools:read");
        assertThat(route(HttpMethod.POST, INVOKE).access().permission()).isEqualTo("workspace:{ws}:tools:invoke");
        assertThat(route(HttpMethod.GET, APPROVALS).access().permission()).isEqualTo("workspace:{ws}:approvals:read");
        assertThat(route(HttpMethod.GET, APPROVALS + "/{id}").access().permission())
                .isEqualTo("workspace:{ws}:approvals:read");
        assertThat(route(HttpMethod.POST, APPROVALS + "/{id}/approve").access().permission())
                .isEqualTo("workspace:{ws}:approvals:write");
        assertThat(route(HttpMethod.POST, APPROVALS + "/{id}/deny").access().permission())
                .isEqualTo("workspace:{ws}:approvals:write");
        assertThat(api.routes()).allMatch(r -> r.access().workspaceBound());
    }

    @Test
    void listsTheWorkspacesToolsWithSchemaAndRisk() throws Exception {
        JsonNode tools = json(call(HttpMethod.GET, TOOLS, OPERATOR_A, Map.of("ws", WS), ""));
        assertThat(tools.get("items")).hasSize(2);
        JsonNode first = tools.get("items").get(0);
        assertThat(first.get("name").asText()).isEqualTo("search.docs");
        assertThat(first.get("risk").asText()).isEqualTo("read");
        assertThat(first.get("input_schema").get("properties").has("query")).isTrue();
        assertThat(first.get("plugin").asText()).isEqualTo(Harness.PLUGIN);
    }

    @Test
    void pagesTheToolsLikeEveryOtherList() throws Exception {
        Map<String, String> ws = Map.of("ws", WS);
        JsonNode first = json(call(HttpMethod.GET, TOOLS, OPERATOR_A, ws, "", Map.of("limit", "1")));
        assertThat(first.get("items")).hasSize(1);
        assertThat(first.get("items").get(0).get("name").asText()).isEqualTo("search.docs");
        assertThat(first.get("next_cursor").asText()).isEqualTo("search.docs");
        JsonNode second =
                json(call(HttpMethod.GET, TOOLS, OPERATOR_A, ws, "", Map.of("limit", "1", "cursor", "search.docs")));
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("items").get(0).get("name").asText()).isEqualTo("ticket.delete");
        assertThat(second.get("next_cursor").isNull()).isTrue();
        JsonNode all = json(call(HttpMethod.GET, TOOLS, OPERATOR_A, ws, ""));
        assertThat(all.get("items")).hasSize(2);
        assertThat(all.has("next_cursor")).isTrue();
        for (Map<String, String> bad : List.of(
                Map.of("limit", "0"),
                Map.of("limit", "201"),
                Map.of("limit", "x"),
                Map.of("cursor", "../x"),
                Map.of("cursor", "A B"))) {
            problem(400, () -> call(HttpMethod.GET, TOOLS, OPERATOR_A, ws, "", bad));
        }
    }

    @Test
    void invokesAndAnswersTheWrappedResult() throws Exception {
        ApiResponse response = call(
                HttpMethod.POST,
                INVOKE,
                OPERATOR_A,
                Map.of("ws", WS, "name", "search.docs"),
                "{\"arguments\": {\"query\": \"hello\"}, \"run_id\": \"run-1\", \"timeout_ms\": 5000}");
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("status").asText()).isEqualTo("ok");
        assertThat(body.get("result").get("untrusted").asBoolean()).isTrue();
        assertThat(body.get("result").get("content").asText()).isEqualTo("echo hello");
        assertThat(read.contexts.get(0).runId()).isEqualTo("run-1");
    }

    @Test
    void aCallNeedingApprovalAnswers202AndIsApprovedThroughTheQueue() throws Exception {
        ApiResponse pending = call(
                HttpMethod.POST,
                INVOKE,
                OPERATOR_A,
                Map.of("ws", WS, "name", "ticket.delete"),
                "{\"arguments\": {\"query\": \"t-1\"}}");
        assertThat(pending.status()).isEqualTo(202);
        String id = json(pending).get("approval_id").asText();
        assertThat(json(pending).get("status").asText()).isEqualTo("pending");
        assertThat(pending.headers().get("Location")).endsWith("/approvals/" + id);

        JsonNode listed = json(call(HttpMethod.GET, APPROVALS, OPERATOR_A, Map.of("ws", WS), ""));
        assertThat(listed.get("items").get(0).get("arguments").get("query").asText())
                .isEqualTo("t-1");
        assertThat(listed.has("next_cursor")).isTrue();

        JsonNode approved =
                json(call(HttpMethod.POST, APPROVALS + "/{id}/approve", OPERATOR_A, Map.of("ws", WS, "id", id), ""));
        assertThat(approved.get("status").asText()).isEqualTo("executed");
        assertThat(approved.get("invocation").get("status").asText()).isEqualTo("ok");
        assertThat(destructive.calls).hasSize(1);
        assertThat(problem(
                                409,
                                () -> call(
                                        HttpMethod.POST,
                                        APPROVALS + "/{id}/approve",
                                        OPERATOR_A,
                                        Map.of("ws", WS, "id", id),
                                        ""))
                        .detail())
                .contains("executed");
    }

    @Test
    void anApprovalShowsWhyItWasAskedWhatItIsBoundToAndTheEvidence() throws Exception {
        io.portcullis.tools.Taint taint =
                new io.portcullis.tools.Taint(true, List.of("customer"), List.of("query"), List.of("evil.example"));
        String tainted = ((io.portcullis.tools.ToolOutcome.Pending)
                        h.invoker.invoke(Harness.tainted("ticket.delete", Map.of("query", "t-2"), "run-9", taint)))
                .approvalId();
        String id = json(call(
                        HttpMethod.POST,
                        INVOKE,
                        OPERATOR_A,
                        Map.of("ws", WS, "name", "ticket.delete"),
                        "{\"arguments\": {\"query\": \"t-1\"}}"))
                .get("approval_id")
                .asText();

        JsonNode view =
                json(call(HttpMethod.GET, APPROVALS + "/{id}", OPERATOR_A, Map.of("ws", WS, "id", tainted), ""));
        assertThat(view.get("reason").asText()).isEqualTo("untrusted_context");
        assertThat(view.get("run_id").asText()).isEqualTo("run-9");
        assertThat(view.get("argument_digest").asText())
                .isEqualTo(io.portcullis.tools.internal.invoke.Invoker.digest("{\"query\":\"t-2\"}"));
        assertThat(view.get("policy_version").asText())
                .isEqualTo(h.policy.workspacePolicy(WS).version());
        assertThat(view.get("evidence"))
                .isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree("{\"sources\":[\"customer\"],\"matched_arguments\":[\"query\"],"
                                + "\"hosts\":[\"evil.example\"]}"));

        JsonNode plain = json(call(HttpMethod.GET, APPROVALS + "/{id}", OPERATOR_A, Map.of("ws", WS, "id", id), ""));
        assertThat(plain.get("reason").asText()).isEqualTo("risk");
        assertThat(plain.get("argument_digest").asText()).matches("[0-9a-f]{64}");
        assertThat(plain.get("evidence").toString())
                .isEqualTo("{\"sources\":[],\"matched_arguments\":[],\"hosts\":[]}");
    }

    @Test
    void anotherWorkspaceIsNotFound() throws Exception {
        String id = json(call(
                        HttpMethod.POST,
                        INVOKE,
                        OPERATOR_A,
                        Map.of("ws", WS, "name", "ticket.delete"),
                        "{\"arguments\": {\"query\": \"t-1\"}}"))
                .get("approval_id")
                .asText();

        problem(404, () -> call(HttpMethod.GET, TOOLS, OPERATOR_B, Map.of("ws", WS), ""));
        problem(
                404,
                () -> call(
                        HttpMethod.POST,
                        INVOKE,
                        OPERATOR_B,
                        Map.of("ws", WS, "name", "search.docs"),
                        "{\"arguments\": {\"query\": \"x\"}}"));
        problem(404, () -> call(HttpMethod.GET, APPROVALS + "/{id}", OPERATOR_B, Map.of("ws", OTHER_WS, "id", id), ""));
        problem(
                404,
                () -> call(
                        HttpMethod.POST,
                        APPROVALS + "/{id}/approve",
                        OPERATOR_B,
                        Map.of("ws", OTHER_WS, "id", id),
                        ""));
        problem(
                404,
                () -> call(
                        HttpMethod.POST,
                        APPROVALS + "/{id}/deny",
                        OPERATOR_A,
                        Map.of("ws", WS, "id", "not-an-id"),
                        ""));
        assertThat(read.calls).isEmpty();
        assertThat(destructive.calls).isEmpty();
    }

    @Test
    void badBodiesAnswer400() {
        Map<String, String> path = Map.of("ws", WS, "name", "search.docs");
        for (String body : List.of(
                "[]",
                "{\"arguments\": [1]}",
                "{\"arguments\": {}, \"extra\": 1}",
                "{\"run_id\": \"has space\"}",
                "{\"run_id\": 5}",
                "{\"timeout_ms\": 0}",
                "{\"timeout_ms\": 30001}",
                "{\"timeout_ms\": 1.5}",
                "{\"arguments\": {\"query\": 5}}",
                "{\"arguments\": {\"q\": \"x\"}}")) {
            assertThat(problem(400, () -> call(HttpMethod.POST, INVOKE, OPERATOR_A, path, body))
                            .status())
                    .as(body)
                    .isEqualTo(400);
        }
        assertThat(read.calls).isEmpty();
        problem(400, () -> call(HttpMethod.GET, APPROVALS, OPERATOR_A, Map.of("ws", WS), "", Map.of("cursor", "zz")));
    }

    @Test
    void refusalsCarryTheirCode() {
        h.policy.policy(WS, FakePolicy.policy(true, false, 20, List.of()));
        assertThat(problem(
                                409,
                                () -> call(
                                        HttpMethod.POST,
                                        INVOKE,
                                        OPERATOR_A,
                                        Map.of("ws", WS, "name", "ticket.delete"),
                                        "{\"arguments\": {\"query\": \"x\"}}"))
                        .detail())
                .startsWith("read_only:");
        h.policy.policy(WS, FakePolicy.policy(false, false, 1, List.of()));
        String body = "{\"arguments\": {\"query\": \"x\"}, \"run_id\": \"r\"}";
        Map<String, String> path = Map.of("ws", WS, "name", "search.docs");
        assertThat(problem(() -> call(HttpMethod.POST, INVOKE, OPERATOR_A, path, body)))
                .isNull();
        assertThat(problem(429, () -> call(HttpMethod.POST, INVOKE, OPERATOR_A, path, body))
                        .detail())
                .startsWith("run_limit:");
    }

    Route route(HttpMethod method, String template) {
        return api.routes().stream()
                .filter(r -> r.method() == method && r.path().equals(template))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no route " + method + " " + template));
    }

    ApiResponse call(HttpMethod method, String template, Caller caller, Map<String, String> path, String body)
            throws Exception {
        return call(method, template, caller, path, body, Map.of());
    }

    ApiResponse call(
            HttpMethod method,
            String template,
            Caller caller,
            Map<String, String> path,
            String body,
            Map<String, String> query)
            throws Exception {
        return route(method, template).handler().handle(new FakeRequest(method, caller, path, query, body));
    }

    static JsonNode json(ApiResponse response) throws Exception {
        return FakeRequest.JSON.readTree(FakeRequest.json(response.body()));
    }

    static ProblemException problem(ThrowingCallable call) {
        return catchThrowableOfType(ProblemException.class, call);
    }

    static ProblemException problem(int status, ThrowingCallable call) {
        ProblemException problem = problem(call);
        assertThat(problem).as("a problem").isNotNull();
        assertThat(problem.status()).as(problem.detail()).isEqualTo(status);
        return problem;
    }
}
