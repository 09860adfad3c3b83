package io.portcullis.agent.internal.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.spi.ModelProvider;
import io.portcullis.spi.ModelProvider.Trust;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A row of one workspace is missing for another on every method, and a workspace's deletion takes all its rows. */
abstract class JdbcIsolationContract extends JdbcStoreFixture {

    static final List<String> TABLES = List.of(
            "agents",
            "agent_versions",
            "conversations",
            "messages",
            "runs",
            "run_steps",
            "run_events",
            "review_items",
            "review_history");
    static final PageRequest ALL = new PageRequest(PageRequest.MAX, "");
    static final Duration LEASE = Duration.ofMinutes(5);

    Agent agent;
    Conversation conversation;
    ChatMessage message;
    Run run;
    ReviewItem item;

    @BeforeEach
    void populate() throws Exception {
        agent = agent(WS, "support");
        conversation = conversations.create(WS, agent.id(), Conversation.API, () -> {});
        run = run(WS, conversation);
        message = conversations.append(
                WS,
                new NewMessage(
                        conversation.id(),
                        Role.ASSISTANT,
                        "",
                        Trust.TRUSTED,
                        Visibility.OPERATOR,
                        run.id(),
                        null,
                        List.of(new ModelProvider.ToolCall("call-1", "search", Map.of("q", "x"))),
                        null,
                        "agent",
                        agent.id()));
        runs.startStep(WS, run.id(), new NewStep("model", null, null, null, Trust.TRUSTED, "{}"));
        runs.appendEvent(WS, run.id(), "run.state", "{\"state\":\"running\"}");
        item = review.open(WS, "escalation", conversation.id(), run.id(), "failed", "detail", "agent-1");
    }

    @Test
    void anotherWorkspaceReadsNoneOfIt() throws Exception {
        assertThat(agents.find(OTHER_WS, agent.id())).isEmpty();
        assertThat(agents.version(OTHER_WS, agent.id(), 1)).isEmpty();
        assertThat(agents.list(OTHER_WS, ALL).items()).isEmpty();
        assertThat(conversations.find(OTHER_WS, conversation.id())).isEmpty();
        assertThat(conversations.list(OTHER_WS, null, null, ALL).items()).isEmpty();
        assertThat(conversations.list(OTHER_WS, agent.id(), null, ALL).items()).isEmpty();
        assertThat(conversations.message(OTHER_WS, message.id())).isEmpty();
        assertThat(conversations.transcript(OTHER_WS, conversation.id(), Visibility.OPERATORS, 50))
                .isEmpty();
        assertThat(conversations
                        .messages(OTHER_WS, conversation.id(), Visibility.OPERATORS, ALL)
                        .items())
                .isEmpty();
        assertThat(runs.find(OTHER_WS, run.id())).isEmpty();
        assertThat(runs.list(OTHER_WS, null, ALL).items()).isEmpty();
        assertThat(runs.list(OTHER_WS, conversation.id(), ALL).items()).isEmpty();
        assertThat(runs.steps(OTHER_WS, run.id())).isEmpty();
        assertThat(runs.events(OTHER_WS, run.id(), 0, 100)).isEmpty();
        assertThat(review.find(OTHER_WS, item.id())).isEmpty();
        assertThat(review.list(OTHER_WS, null, ALL).items()).isEmpty();
        assertThat(review.history(OTHER_WS, item.id())).isEmpty();

        // The legitimate path sees every row.
        assertThat(agents.find(WS, agent.id())).isPresent();
        assertThat(conversations.transcript(WS, conversation.id(), Visibility.OPERATORS, 50))
                .hasSize(2);
        assertThat(runs.steps(WS, run.id())).hasSize(1);
        assertThat(runs.events(WS, run.id(), 0, 100)).hasSize(1);
        assertThat(review.history(WS, item.id())).hasSize(1);
    }

    @Test
    void anotherWorkspaceChangesNoneOfIt() throws Exception {
        assertThat(agents.update(OTHER_WS, agent.id(), "x", config("x"), "m", () -> {}))
                .isEmpty();
        assertThat(agents.delete(OTHER_WS, agent.id(), () -> {})).isFalse();
        assertNotFound(() -> conversations.create(OTHER_WS, agent.id(), Conversation.API, () -> {}));
        assertNotFound(() -> conversations.append(OTHER_WS, userMessage(conversation.id(), "hi")));
        assertNotFound(() -> runs.create(
                OTHER_WS, new NewRun(conversation.id(), agent.id(), 1, message.id(), "member", "m", Trust.TRUSTED)));
        assertThat(runs.claim(OTHER_WS, run.id(), Set.of(RunState.QUEUED), "node-x", LEASE))
                .isEmpty();
        assertThat(runs.transition(OTHER_WS, run.id(), RunState.QUEUED, RunState.FAILED, "x"))
                .isFalse();
        assertThat(runs.requestCancel(OTHER_WS, run.id())).isFalse();
        runs.count(OTHER_WS, run.id(), 1, 1, 1, 1, 1, 1);
        runs.mark(OTHER_WS, run.id(), Trust.UNTRUSTED, "a".repeat(24));
        assertNotFound(
                () -> runs.startStep(OTHER_WS, run.id(), new NewStep("model", null, null, null, Trust.TRUSTED, "{}")));
        runs.finishStep(OTHER_WS, run.id(), 1, "failed", "{\"x\":1}", "u", null);
        assertNotFound(() -> runs.appendEvent(OTHER_WS, run.id(), "run.state", "{}"));
        assertThat(review.update(OTHER_WS, item.id(), "resolved", null, "m", () -> {}))
                .isEmpty();

        assertThat(agents.find(WS, agent.id())).contains(agent);
        assertThat(conversations.find(WS, conversation.id())).isPresent();
        assertThat(conversations.transcript(WS, conversation.id(), Visibility.OPERATORS, 50))
                .hasSize(2);
        assertThat(runs.find(WS, run.id())).contains(run);
        assertThat(runs.steps(WS, run.id()))
                .singleElement()
                .satisfies(s -> assertThat(s.state()).isEqualTo("started"));
        assertThat(runs.events(WS, run.id(), 0, 100)).hasSize(1);
        assertThat(review.find(WS, item.id())).contains(item);

        // The legitimate path changes them.
        assertThat(runs.claim(WS, run.id(), Set.of(RunState.QUEUED), "node-x", LEASE))
                .isPresent();
        assertThat(review.update(WS, item.id(), "resolved", null, "m", () -> {}))
                .isPresent();
    }

    @Test
    void deletingAWorkspaceTakesEveryRowOfItAndNoOtherRow() throws Exception {
        Agent other = agent(OTHER_WS, "support");
        Conversation otherConversation = conversations.create(OTHER_WS, other.id(), Conversation.API, () -> {});
        Run otherRun = run(OTHER_WS, otherConversation);
        runs.startStep(OTHER_WS, otherRun.id(), new NewStep("model", null, null, null, Trust.TRUSTED, "{}"));
        runs.appendEvent(OTHER_WS, otherRun.id(), "run.state", "{}");
        review.open(OTHER_WS, "escalation", null, null, "failed", "d", "agent-1");
        for (String table : TABLES) {
            assertThat(rowsOf(WS, table)).as(table).isPositive();
        }

        db.database.inWorkspace(WS, connection -> {
            runs.deleteWorkspace(connection, WS);
            return null;
        });

        for (String table : TABLES) {
            assertThat(rowsOf(WS, table)).as(table).isZero();
            assertThat(rowsOf(OTHER_WS, table)).as(table).isPositive();
        }
    }

    /** Rows of the workspace, counted as the database's owner (past row-level security). */
    long rowsOf(String ws, String table) throws Exception {
        try (Connection connection = db.admin.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT COUNT(*) FROM agent." + table + " WHERE workspace_id = '" + ws + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static void assertNotFound(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
}
