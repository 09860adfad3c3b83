package io.portcullis.agent.internal.run;

import static io.portcullis.agent.internal.run.ScriptedModels.call;
import static io.portcullis.agent.internal.run.ScriptedModels.text;
import static io.portcullis.agent.internal.run.ScriptedModels.tools;

import io.portcullis.agent.internal.AgentSettings;
import io.portcullis.agent.internal.data.Agent;
import io.portcullis.agent.internal.data.AgentConfig;
import io.portcullis.agent.internal.data.ChatMessage;
import io.portcullis.agent.internal.data.Conversation;
import io.portcullis.agent.internal.data.HandoffRules;
import io.portcullis.agent.internal.data.JdbcAgentStore;
import io.portcullis.agent.internal.data.JdbcConversationStore;
import io.portcullis.agent.internal.data.JdbcReviewStore;
import io.portcullis.agent.internal.data.JdbcRunStore;
import io.portcullis.agent.internal.data.Limits;
import io.portcullis.agent.internal.data.Run;
import io.portcullis.agent.internal.data.RunEvent;
import io.portcullis.agent.internal.data.RunState;
import io.portcullis.agent.internal.data.Visibility;
import io.portcullis.audit.Actor;
import io.portcullis.audit.testing.RecordingAuditLog;
import io.portcullis.spi.ModelProvider.Trust;
import io.portcullis.store.testing.TestDatabase;
import io.portcullis.vault.Redactor;
import io.portcullis.web.PageRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The engine over the real stores on a fresh database, with stand-ins only for the metered model
 * path (a script) and the tool invoker (scripted outcomes). Waits are bounded by 30 s and never timed.
 */
abstract class RunEngineFixture {

    static final String WS = "ws-a";
    static final Actor MEMBER = new Actor(Actor.MEMBER, "member-1", null);
    static final AgentSettings SETTINGS = new AgentSettings(
            4, Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofHours(24), 50, 200, 20, Duration.ofHours(24));
    static final long WAIT_MILLIS = 30_000;

    TestDatabase db;
    JdbcAgentStore agents;
    JdbcConversationStore conversations;
    JdbcRunStore runs;
    JdbcReviewStore review;
    ScriptedModels models;
    FakeTools tools;
    RecordingAuditLog audit;
    RunEngine engine;

    abstract TestDatabase database() throws Exception;

    @BeforeEach
    void setUpEngine() throws Exception {
        db = database();
        Clock clock = Clock.systemUTC();
        agents = new JdbcAgentStore(db.database, clock);
        conversations = new JdbcConversationStore(db.database, clock);
        runs = new JdbcRunStore(db.database, clock);
        review = new JdbcReviewStore(db.database, clock);
        models = new ScriptedModels();
        tools = new FakeTools();
        audit = new RecordingAuditLog();
        engine = new RunEngine(
                agents, conversations, runs, review, models, tools, audit, new MaskingRedactor(), SETTINGS, clock);
        engine.start();
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    Agent agent(Limits limits, List<String> toolNames, HandoffRules handoff) throws Exception {
        return agents.create(
                WS,
                "agent-" + Long.toHexString(System.nanoTime()),
                new AgentConfig("You help customers of a shoe shop.", "fast", toolNames, limits, handoff),
                "member-1",
                () -> {});
    }

    Agent agent(String... toolNames) throws Exception {
        return agent(Limits.DEFAULT, List.of(toolNames), HandoffRules.DEFAULT);
    }

    Conversation conversation(Agent agent) throws Exception {
        return conversations.create(WS, agent.id(), Conversation.API, () -> {});
    }

    Run post(Conversation conversation, String content, Trust trust) throws Exception {
        boolean customer = trust == Trust.UNTRUSTED;
        Runs.Posted posted = new Runs.Posted(
                content,
                trust,
                customer ? "customer" : Actor.MEMBER,
                customer ? "c-1" : "member-1",
                customer ? "customer" : null);
        return engine.post(WS, conversation.id(), posted, MEMBER, "req-1").run();
    }

    /** The run once it satisfies {@code condition}, waiting up to 30 s on its events. */
    Run awaitRun(String runId, Predicate<Run> condition) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        AtomicLong seen = new AtomicLong();
        while (true) {
            Run run = runs.find(WS, runId).orElseThrow();
            if (condition.test(run) || System.currentTimeMillis() > deadline) {
                return run;
            }
            List<RunEvent> events = engine.await(WS, runId, seen.get(), Duration.ofMillis(200));
            if (!events.isEmpty()) {
                seen.set(events.get(events.size() - 1).seq());
            }
        }
    }

    /** Whether the run's stream told {@code type}, waiting up to 30 s. */
    boolean awaitEvent(String runId, String type) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!eventTypes(runId).contains(type) && System.currentTimeMillis() < deadline) {
            engine.await(WS, runId, events(runId).size(), Duration.ofMillis(200));
        }
        return eventTypes(runId).contains(type);
    }

    /** The run once it ended and its stream told {@code run.end} (the last thing written). */
    Run awaitEnd(String runId) throws Exception {
        awaitRun(runId, run -> run.state().terminal());
        awaitEvent(runId, "run.end");
        return runs.find(WS, runId).orElseThrow();
    }

    Run awaitState(String runId, RunState state) throws Exception {
        return awaitRun(runId, run -> run.state() == state);
    }

    List<RunEvent> events(String runId) throws Exception {
        return runs.events(WS, runId, 0, 10_000);
    }

    List<String> eventTypes(String runId) throws Exception {
        return events(runId).stream().map(RunEvent::type).toList();
    }

    List<ChatMessage> transcript(Conversation conversation) throws Exception {
        return conversations.transcript(WS, conversation.id(), Visibility.OPERATORS, 1000);
    }

    List<String> auditedStates(String runId) {
        return audit.events.stream()
                .filter(e -> e.action().equals("run.state") && ("run:" + runId).equals(e.target()))
                .map(e -> e.reasonCode())
                .toList();
    }

    long openReviewItems() throws Exception {
        return review.list(WS, "open", new PageRequest(200, "")).items().size();
    }

    /** Masks one known secret, as the vault's redactor would. */
    static final class MaskingRedactor implements Redactor {
        static final String SECRET = "sk-live-0123456789";

        @Override
        public String redact(String workspaceId, String text) {
            return redactAll(text);
        }

        @Override
        public String redactAll(String text) {
            return text.replace(SECRET, "[REDACTED:api_key]");
        }
    }

    static ScriptedModels.Reply answer(String text) {
        return text(text);
    }

    static ScriptedModels.Reply ask(io.portcullis.spi.ModelProvider.ToolCall... calls) {
        return tools(calls);
    }

    static io.portcullis.spi.ModelProvider.ToolCall toolCall(String id, String tool, Object... pairs) {
        return call(id, tool, pairs);
    }
}
