package io.portcullis.agent.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.agent.internal.AgentSettings;
import io.portcullis.agent.internal.data.ChatMessage;
import io.portcullis.agent.internal.data.JdbcAgentStore;
import io.portcullis.agent.internal.data.JdbcConversationStore;
import io.portcullis.agent.internal.data.JdbcReviewStore;
import io.portcullis.agent.internal.data.JdbcRunStore;
import io.portcullis.agent.internal.data.NewMessage;
import io.portcullis.agent.internal.data.NewRun;
import io.portcullis.agent.internal.data.Role;
import io.portcullis.agent.internal.data.Run;
import io.portcullis.agent.internal.data.RunEvent;
import io.portcullis.agent.internal.data.Visibility;
import io.portcullis.agent.internal.run.Runs;
import io.portcullis.audit.Actor;
import io.portcullis.audit.testing.RecordingAuditLog;
import io.portcullis.spi.Risk;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.store.testing.TestDatabase;
import io.portcullis.tools.ApprovalState;
import io.portcullis.tools.ToolCall;
import io.portcullis.tools.ToolInfo;
import io.portcullis.tools.ToolInvoker;
import io.portcullis.tools.ToolOutcome;
import io.portcullis.vault.Redactor;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.Caller;
import io.portcullis.web.HttpMethod;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import io.portcullis.web.testing.FakeRequest;
import io.portcullis.web.testing.TestCaller;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;

/**
 * The routes over the real JDBC stores on a fresh H2 database, with stand-ins for the engine (which
 * queues a run as the engine's contract says, and serves events straight from the store), the tool
 * invoker (two enabled tools), the redactor and the audit log. Two workspaces, {@link #WS} and
 * {@link #OTHER}.
 */
final class Fixture {

    static final String WS = "ws-a";
    static final String OTHER = "ws-b";
    static final String SECRET = "sk-live-0123456789";
    static final Caller CALLER = TestCaller.member(WS);
    static final Caller OTHER_CALLER = TestCaller.member(OTHER);

    final TestDatabase db;
    final JdbcAgentStore agents;
    final JdbcConversationStore conversations;
    final JdbcRunStore runs;
    final JdbcReviewStore review;
    final RecordingAuditLog audit = new RecordingAuditLog();
    final FakeRuns engine;
    final AgentApi api;
    private static final AtomicInteger AGENTS = new AtomicInteger();

    Fixture(AgentSettings settings, Duration ping) throws Exception {
        db = TestDatabase.h2("agent");
        Clock clock = Clock.systemUTC();
        agents = new JdbcAgentStore(db.database, clock);
        conversations = new JdbcConversationStore(db.database, clock);
        runs = new JdbcRunStore(db.database, clock);
        review = new JdbcReviewStore(db.database, clock);
        engine = new FakeRuns();
        api = new AgentApi(agents, conversations, runs, review, engine, new Tools(), audit, REDACTOR, settings, ping);
    }

    Fixture() throws Exception {
        this(AgentSettings.DEFAULT, Duration.ofMillis(5));
    }

    /** Replaces {@link #SECRET} as the vault would. */
    static final Redactor REDACTOR = new Redactor() {
        @Override
        public String redact(String workspaceId, String text) {
            return text.replace(SECRET, "[REDACTED:credential]");
        }

        @Override
        public String redactAll(String text) {
            return redact("", text);
        }
    };

    /** {@link #WS} has {@code search.docs}, {@code ticket.update} and a plugin tool named {@code handoff}; {@link #OTHER} {@code crm.delete}. */
    static final class Tools implements ToolInvoker {
        @Override
        public ToolOutcome invoke(ToolCall call) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ToolInfo> tools(String workspaceId) {
            List<String> names =
                    WS.equals(workspaceId) ? List.of("search.docs", "ticket.update", "handoff") : List.of("crm.delete");
            return names.stream()
                    .map(name -> new ToolInfo(new ToolDescriptor(name, "1.0.0", "test", "{}", Risk.READ), "p", "1"))
                    .toList();
        }

        @Override
        public Optional<ApprovalState> approval(String workspaceId, String approvalId) {
            return Optional.empty();
        }

        @Override
        public int expireApprovals(String workspaceId, String runId) {
            return 0;
        }
    }

    /** The engine as the routes see it: a message posted is stored and its run queued; nothing runs. */
    final class FakeRuns implements Runs {
        final List<Posted> posted = new CopyOnWriteArrayList<>();
        final List<String> cancelled = new CopyOnWriteArrayList<>();

        @Override
        public Started post(
                String workspaceId, String conversationId, Posted message, Actor actor, @Nullable String requestId)
                throws SQLException {
            posted.add(message);
            ChatMessage stored = conversations.append(
                    workspaceId,
                    new NewMessage(
                            conversationId,
                            Role.USER,
                            REDACTOR.redact(workspaceId, message.content()),
                            message.trust(),
                            Visibility.CUSTOMER,
                            null,
                            null,
                            List.of(),
                            message.provenance(),
                            message.authorKind(),
                            message.authorId()));
            String agentId = conversations
                    .find(workspaceId, conversationId)
                    .orElseThrow()
                    .agentId();
            Run run = runs.create(
                    workspaceId,
                    new NewRun(
                            conversationId,
                            agentId,
                            agents.find(workspaceId, agentId).orElseThrow().version(),
                            stored.id(),
                            actor.kind(),
                            actor.id(),
                            message.trust()));
            return new Started(stored, run);
        }

        @Override
        public Optional<Run> cancel(String workspaceId, String runId, Actor actor, @Nullable String requestId)
                throws SQLException {
            cancelled.add(runId);
            runs.requestCancel(workspaceId, runId);
            return runs.find(workspaceId, runId);
        }

        @Override
        public List<RunEvent> await(String workspaceId, String runId, long afterSeq, Duration max)
                throws SQLException, InterruptedException {
            List<RunEvent> events = runs.events(workspaceId, runId, afterSeq, 100);
            if (events.isEmpty()) {
                Thread.sleep(max.toMillis());
            }
            return events;
        }
    }

    // ---- requests

    Route route(HttpMethod method, String template) {
        return api.routes().stream()
                .filter(r -> r.method() == method && r.path().equals(template))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no route " + method + " " + template));
    }

    ApiResponse call(HttpMethod method, String template, Caller caller, Map<String, String> path, String body)
            throws Exception {
        return call(method, template, caller, path, body, Map.of(), Map.of());
    }

    ApiResponse call(
            HttpMethod method,
            String template,
            Caller caller,
            Map<String, String> path,
            String body,
            Map<String, String> query,
            Map<String, String> headers)
            throws Exception {
        FakeRequest request = new FakeRequest(method, caller, path, query, body);
        return route(method, template).handler().handle(new HeaderRequest(request, headers));
    }

    static Map<String, String> ws(String workspace, String... more) {
        Map<String, String> path = new HashMap<>();
        path.put("ws", workspace);
        for (int i = 0; i < more.length; i += 2) {
            path.put(more[i], more[i + 1]);
        }
        return path;
    }

    static JsonNode json(ApiResponse response) throws Exception {
        return FakeRequest.tree(response);
    }

    static ProblemException problem(int status, ThrowingCallable call) {
        ProblemException problem = FakeRequest.problem(call);
        assertThat(problem.status()).as(problem.detail()).isEqualTo(status);
        return problem;
    }

    // ---- data

    /** Creates an agent in {@code workspace} through the route; its id. */
    String agent(String workspace, String name) throws Exception {
        Caller caller = WS.equals(workspace) ? CALLER : OTHER_CALLER;
        ApiResponse created = call(
                HttpMethod.POST,
                AgentRoutes.BASE,
                caller,
                ws(workspace),
                "{\"name\":\"" + name + "\",\"instructions\":\"Be kind.\",\"model_profile\":\"default\"}");
        assertThat(created.status()).isEqualTo(201);
        return json(created).get("id").asText();
    }

    /** Opens a conversation with a new agent in {@code workspace}; its id. */
    String conversation(String workspace) throws Exception {
        String agentId = agent(workspace, "agent-" + AGENTS.incrementAndGet());
        return conversations.create(workspace, agentId, "api", () -> {}).id();
    }

    /** Posts an operator message in {@link #WS}'s conversation; the run id. */
    String run(String conversationId) throws Exception {
        ApiResponse posted = call(
                HttpMethod.POST,
                ConversationRoutes.BASE + "/{id}/messages",
                CALLER,
                ws(WS, "id", conversationId),
                "{\"content\":\"hello\"}");
        return json(posted).get("run").get("id").asText();
    }
}
