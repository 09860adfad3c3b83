package io.portcullis.agent.internal.data;

import io.portcullis.spi.ModelProvider.Trust;
import io.portcullis.store.Engine;
import io.portcullis.store.Jdbc;
import io.portcullis.store.testing.TestClock;
import io.portcullis.store.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;

/**
 * The four stores on a fresh {@code agent} schema, on the engine a subclass names (PostgreSQL as a role
 * under row-level security), with helpers that make the rows a test needs.
 */
abstract class JdbcStoreFixture {

    static final String WS = "ws-a";
    static final String OTHER_WS = "ws-b";
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    TestDatabase db;
    TestClock clock;
    JdbcAgentStore agents;
    JdbcConversationStore conversations;
    JdbcRunStore runs;
    JdbcReviewStore review;

    abstract Engine engine();

    @BeforeEach
    void setUpStores() throws Exception {
        db = TestDatabase.of(engine(), "agent");
        clock = new TestClock(START);
        agents = new JdbcAgentStore(db.database, clock);
        conversations = new JdbcConversationStore(db.database, clock);
        runs = new JdbcRunStore(db.database, clock);
        review = new JdbcReviewStore(db.database, clock);
    }

    static AgentConfig config(String instructions) {
        return new AgentConfig(instructions, "fast", List.of("search"), Limits.DEFAULT, HandoffRules.DEFAULT);
    }

    Agent agent(String ws, String name) throws Exception {
        return agents.create(ws, name, config("Be brief."), "member-1", () -> {});
    }

    Conversation conversation(String ws) throws Exception {
        Agent agent = agent(ws, "agent-" + Long.toHexString(System.nanoTime()));
        return conversations.create(ws, agent.id(), Conversation.API, () -> {});
    }

    static NewMessage userMessage(String conversationId, String content) {
        return new NewMessage(
                conversationId,
                Role.USER,
                content,
                Trust.UNTRUSTED,
                Visibility.CUSTOMER,
                null,
                null,
                List.of(),
                "customer",
                "customer",
                "c-1");
    }

    /** A queued run of {@code conversation}, triggered by a new message. */
    Run run(String ws, Conversation conversation) throws Exception {
        ChatMessage trigger = conversations.append(ws, userMessage(conversation.id(), "hello"));
        return runs.create(
                ws,
                new NewRun(
                        conversation.id(),
                        conversation.agentId(),
                        1,
                        trigger.id(),
                        "member",
                        "member-1",
                        Trust.UNTRUSTED));
    }

    /** Moves the run's lease into the past on the database's clock, as if its node had died. */
    void expireLease(String runId) throws Exception {
        db.tamper("UPDATE agent.runs SET lease_until = CURRENT_TIMESTAMP - INTERVAL '1' MINUTE WHERE id = ?", runId);
    }

    /** Rows of {@code table} that a transaction of {@code ws} sees, with no workspace filter of its own. */
    long unfiltered(String ws, String table) throws Exception {
        return db.database.inWorkspace(
                ws,
                connection -> Jdbc.one(connection, rows -> rows.getLong(1), "SELECT COUNT(*) FROM agent." + table)
                        .orElseThrow());
    }

    /** Runs {@code task} on {@code threads} threads released together; their results in thread order. */
    static <T> List<T> together(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(2, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
