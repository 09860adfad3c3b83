package io.portcullis.agent.internal.run;

import io.portcullis.agent.internal.AgentSettings;
import io.portcullis.agent.internal.data.Agent;
import io.portcullis.agent.internal.data.AgentConfig;
import io.portcullis.agent.internal.data.Conversation;
import io.portcullis.agent.internal.data.HandoffRules;
import io.portcullis.agent.internal.data.JdbcAgentStore;
import io.portcullis.agent.internal.data.JdbcConversationStore;
import io.portcullis.agent.internal.data.JdbcReviewStore;
import io.portcullis.agent.internal.data.JdbcRunStore;
import io.portcullis.agent.internal.data.Limits;
import io.portcullis.agent.internal.data.Run;
import io.portcullis.agent.internal.data.RunState;
import io.portcullis.audit.Actor;
import io.portcullis.audit.testing.RecordingAuditLog;
import io.portcullis.models.ModelCall;
import io.portcullis.models.ModelCalls;
import io.portcullis.models.ModelRefusal;
import io.portcullis.models.ModelResult;
import io.portcullis.spi.CompletionSink;
import io.portcullis.spi.ModelProvider.Trust;
import io.portcullis.spi.Risk;
import io.portcullis.store.Database;
import io.portcullis.store.testing.TestDatabase;
import io.portcullis.tools.ApprovalState;
import io.portcullis.tools.ToolOutcome;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The run engine's own cost, on in-memory H2 with the real stores, an in-memory audit log and instant
 * stand-ins for the model path and the tool invoker (so what is measured is the loop: claim, pack,
 * steps, messages, events, moves). Prints:
 * 1. loop overhead per turn (post to run.end of a run of 2 model calls and 1 tool call, divided by 2), p50/p99;
 * 2. 100 concurrent runs each parked on an approval: live threads and runs in a worker's hand while all
 *    100 wait, then all completing once approved; and 100 concurrent runs against a model taking 20 ms;
 * 3. cancel latency (cancel call to the run's end) of runs inside a model stream, p50/p99/max.
 * Run by {@code benchmarks/agent-loop.sh}; a main class (not a test) in the agent bundle's test sources,
 * because the benchmarks module does not depend on the agent bundle.
 */
public final class AgentLoopBenchmark {

    static final String WS = "ws-bench";
    static final Actor MEMBER = new Actor(Actor.MEMBER, "member-1", null);

    private final Map<String, CountDownLatch> ends = new ConcurrentHashMap<>();
    private final FakeTools tools = new FakeTools();
    private final AtomicReference<ScriptedModels.Reply> reply = new AtomicReference<>();
    private final JdbcAgentStore agents;
    private final JdbcConversationStore conversations;
    private final JdbcRunStore runs;
    private final RunEngine engine;

    AgentLoopBenchmark(TestDatabase test) {
        Clock clock = Clock.systemUTC();
        // pooled, as the server's store is (HikariCP there; H2's own pool here)
        Database db = test.through(JdbcConnectionPool.create((JdbcDataSource) test.dataSource));
        agents = new JdbcAgentStore(db, clock);
        conversations = new JdbcConversationStore(db, clock);
        runs = new JdbcRunStore(db, clock);
        RecordingAuditLog audit = new RecordingAuditLog().before(event -> {
            if (event.action().equals(States.ACTION)
                    && event.reasonCode() != null
                    && RunState.of(event.reasonCode()).terminal()) {
                end(event.target()).countDown();
            }
        });
        ModelCalls models = new ModelCalls() {
            @Override
            public ModelResult call(ModelCall call, CompletionSink sink) throws ModelRefusal {
                return reply.get().answer(call, sink);
            }
        };
        engine = new RunEngine(
                agents,
                conversations,
                runs,
                new JdbcReviewStore(db, clock),
                models,
                tools,
                audit,
                new RunEngineFixture.MaskingRedactor(),
                AgentSettings.DEFAULT,
                clock);
        engine.start();
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("n", 500);
        AgentLoopBenchmark bench = new AgentLoopBenchmark(TestDatabase.h2("agent"));
        try {
            bench.overhead(n);
            bench.concurrentApprovals(100);
            bench.concurrentSlowModel(100);
            bench.cancels(Integer.getInteger("cancels", 100));
        } finally {
            bench.engine.close();
        }
    }

    /** CPU time of the whole process so far, in nanoseconds. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private CountDownLatch end(String target) {
        return ends.computeIfAbsent(target, t -> new CountDownLatch(1));
    }

    private void awaitEnd(String runId) throws InterruptedException {
        if (!end("run:" + runId).await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("run " + runId + " did not end within 60 s");
        }
    }

    private Conversation conversation(List<String> toolNames) throws Exception {
        Agent agent = agents.create(
                WS,
                "bench-" + Long.toHexString(System.nanoTime()),
                new AgentConfig("You answer briefly.", "fast", toolNames, Limits.DEFAULT, HandoffRules.DEFAULT),
                "member-1",
                () -> {});
        return conversations.create(WS, agent.id(), Conversation.API, () -> {});
    }

    private Run post(Conversation conversation, String text) throws Exception {
        Runs.Posted posted = new Runs.Posted(text, Trust.UNTRUSTED, "customer", "c-1", "customer");
        return engine.post(WS, conversation.id(), posted, MEMBER, null).run();
    }

    /** A model that asks for the tool once, then answers. */
    private static ScriptedModels.Reply toolThenAnswer() {
        ScriptedModels.Reply ask = ScriptedModels.tools(ScriptedModels.call("c1", "kb.search", "q", "size 42 shoes"));
        ScriptedModels.Reply answer = ScriptedModels.text("Size 42 is in stock; it ships tomorrow.");
        return (call, sink) -> {
            String last = call.messages().get(call.messages().size() - 1).role();
            return last.equals("tool") ? answer.answer(call, sink) : ask.answer(call, sink);
        };
    }

    void overhead(int n) throws Exception {
        tools.tool("kb.search", Risk.READ, call -> FakeTools.ok("Size 42: 3 pairs in stock."));
        reply.set(toolThenAnswer());
        Conversation conversation = conversation(List.of("kb.search"));
        long[] perTurn = new long[n];
        int warm = n / 3;
        long cpuStart = 0;
        for (int i = -warm; i < n; i++) {
            if (i == 0) {
                cpuStart = cpu();
            }
            if (i == 0 || i % 100 == 0) {
                conversation = conversation(List.of("kb.search")); // keep transcripts short, like fresh conversations
            }
            long start = System.nanoTime();
            Run run = post(conversation, "Do you have size 42?");
            awaitEnd(run.id());
            long took = System.nanoTime() - start;
            if (i >= 0) {
                perTurn[i] = took / 2;
            }
        }
        long cpuPerTurn = (cpu() - cpuStart) / (2L * n);
        Arrays.sort(perTurn);
        System.out.printf(
                "loop overhead per turn (2 model calls + 1 tool call per run, instant stand-ins, N=%d): p50 %.2f ms,"
                        + " p99 %.2f ms; CPU of the whole process per turn %.2f ms (H2, audit stand-in and GC included)%n",
                n, perTurn[n / 2] / 1e6, perTurn[(int) (n * 0.99)] / 1e6, cpuPerTurn / 1e6);
        long[] commit = oneRowCommits(conversation, n);
        System.out.printf(
                "  baseline: one durable one-row commit on the same database (a run event), N=%d: p50 %.3f ms,"
                        + " p99 %.3f ms; a turn costs %.1f such commits at p50%n",
                n, commit[n / 2] / 1e6, commit[(int) (n * 0.99)] / 1e6, (double) perTurn[n / 2] / commit[n / 2]);
    }

    /** The baseline: {@code n} single-row commits through the same store (sorted nanoseconds). */
    private long[] oneRowCommits(Conversation conversation, int n) throws Exception {
        Run run = post(conversation, "baseline");
        awaitEnd(run.id());
        long[] took = new long[n];
        for (int i = -n / 3; i < n; i++) {
            long start = System.nanoTime();
            runs.appendEvent(WS, run.id(), "usage", "{}");
            if (i >= 0) {
                took[i] = System.nanoTime() - start;
            }
        }
        Arrays.sort(took);
        return took;
    }

    void concurrentApprovals(int count) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        AtomicInteger approvals = new AtomicInteger();
        tools.tool("mail.send", Risk.WRITE, call -> {
            String id = "appr-" + approvals.incrementAndGet();
            tools.approvals.put(id, new ApprovalState("pending", null));
            return new ToolOutcome.Pending(id, Instant.now().plusSeconds(3600));
        });
        ScriptedModels.Reply ask =
                ScriptedModels.tools(ScriptedModels.call("m1", "mail.send", "to", "bob@shop.example"));
        ScriptedModels.Reply answer = ScriptedModels.text("Sent.");
        reply.set((call, sink) ->
                call.messages().get(call.messages().size() - 1).role().equals("tool")
                        ? answer.answer(call, sink)
                        : ask.answer(call, sink));
        int before = threads.getThreadCount();
        long start = System.nanoTime();
        List<Run> posted = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            posted.add(post(conversation(List.of("mail.send")), "mail bob"));
        }
        int parked = 0;
        int peak = 0;
        long deadline = System.currentTimeMillis() + 60_000;
        while (parked < count && System.currentTimeMillis() < deadline) {
            peak = Math.max(peak, threads.getThreadCount());
            parked = 0;
            for (Run run : posted) {
                if (runs.find(WS, run.id()).orElseThrow().state() == RunState.AWAITING_APPROVAL) {
                    parked++;
                }
            }
        }
        long allParked = System.nanoTime();
        Thread.sleep(200);
        int waitingThreads = threads.getThreadCount();
        int inHand = engine.inHand();
        for (Map.Entry<String, ApprovalState> approval : tools.approvals.entrySet()) {
            var result = Json.object().put("status", "ok");
            result.putObject("result").put("untrusted", true).put("text", "sent");
            approval.setValue(new ApprovalState("executed", result));
        }
        long approved = System.nanoTime();
        for (Run run : posted) {
            Run now = runs.find(WS, run.id()).orElseThrow();
            engine.decided(WS, String.valueOf(now.approvalId()), run.id(), "executed");
        }
        for (Run run : posted) {
            awaitEnd(run.id());
        }
        long done = System.nanoTime();
        long completed = posted.stream()
                .filter(run -> {
                    try {
                        return runs.find(WS, run.id()).orElseThrow().state() == RunState.COMPLETED;
                    } catch (Exception e) {
                        return false;
                    }
                })
                .count();
        System.out.printf(
                "%d concurrent runs parked on approvals: %d/%d parked in %.0f ms; threads before %d, while all wait %d"
                        + " (peak %d, %d workers), runs in a worker's hand while waiting: %d;"
                        + " after approval %d/%d completed in %.0f ms%n",
                count,
                parked,
                count,
                (allParked - start) / 1e6,
                before,
                waitingThreads,
                peak,
                AgentSettings.DEFAULT.workers(),
                inHand,
                completed,
                count,
                (done - approved) / 1e6);
    }

    void concurrentSlowModel(int count) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ScriptedModels.Reply inner = toolThenAnswer();
        reply.set((call, sink) -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inner.answer(call, sink);
        });
        int before = threads.getThreadCount();
        long start = System.nanoTime();
        List<Run> posted = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            posted.add(post(conversation(List.of("kb.search")), "size 42?"));
        }
        int peak = threads.getThreadCount();
        for (Run run : posted) {
            awaitEnd(run.id());
            peak = Math.max(peak, threads.getThreadCount());
        }
        long done = System.nanoTime();
        long completed = 0;
        for (Run run : posted) {
            if (runs.find(WS, run.id()).orElseThrow().state() == RunState.COMPLETED) {
                completed++;
            }
        }
        System.out.printf(
                "%d concurrent runs, model 20 ms per call (2 calls + 1 tool call each): %d/%d completed in %.0f ms;"
                        + " threads before %d, peak %d (%d workers)%n",
                count, completed, count, (done - start) / 1e6, before, peak, AgentSettings.DEFAULT.workers());
    }

    void cancels(int count) throws Exception {
        long[] latencies = new long[count];
        Conversation conversation = conversation(List.of());
        for (int i = 0; i < count; i++) {
            if (i % 50 == 0) {
                conversation = conversation(List.of());
            }
            CountDownLatch started = new CountDownLatch(1);
            AtomicBoolean aborted = new AtomicBoolean();
            reply.set(ScriptedModels.slow(started, aborted, i % 2 == 1)); // odd: a stream that sends nothing
            Run run = post(conversation, "a long story please");
            if (!started.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the model call did not start");
            }
            long start = System.nanoTime();
            engine.cancel(WS, run.id(), MEMBER, null);
            awaitEnd(run.id());
            latencies[i] = System.nanoTime() - start;
            if (!aborted.get() || runs.find(WS, run.id()).orElseThrow().state() != RunState.CANCELLED) {
                throw new IllegalStateException("run " + run.id() + " was not cancelled with its stream aborted");
            }
        }
        Arrays.sort(latencies);
        System.out.printf(
                "cancel latency inside a model stream (half streaming, half silent; N=%d): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                count, latencies[count / 2] / 1e6, latencies[(int) (count * 0.99)] / 1e6, latencies[count - 1] / 1e6);
    }
}
