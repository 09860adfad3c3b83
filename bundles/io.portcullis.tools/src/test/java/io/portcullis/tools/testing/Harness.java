package io.portcullis.tools.testing;

import io.portcullis.audit.Actor;
import io.portcullis.audit.testing.RecordingAuditLog;
import io.portcullis.spi.Tool;
import io.portcullis.store.testing.TestClock;
import io.portcullis.tools.ApprovalState;
import io.portcullis.tools.Taint;
import io.portcullis.tools.ToolCall;
import io.portcullis.tools.internal.guard.ToolExecutor;
import io.portcullis.tools.internal.invoke.ApprovalListeners;
import io.portcullis.tools.internal.invoke.EgressFactory;
import io.portcullis.tools.internal.invoke.Invoker;
import io.portcullis.tools.internal.invoke.PendingApprovals;
import io.portcullis.tools.internal.registry.ToolRegistry;
import io.portcullis.tools.internal.schema.SchemaCompiler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** An invoker over fakes: tools of one active plugin, a recording audit log, a hand-moved clock. */
public final class Harness implements AutoCloseable {

    public static final String WS = "aaaaaaaaaaaaaaaaaaaaaaaa";
    public static final String OTHER_WS = "bbbbbbbbbbbbbbbbbbbbbbbb";
    public static final String PLUGIN = "io.example.tools";
    public static final Actor ALICE = new Actor(Actor.MEMBER, "alice", "key-a");
    public static final Actor BOB = new Actor(Actor.MEMBER, "bob", "key-b");

    public final FakePolicy policy = new FakePolicy();
    public final FakeRedactor redactor = new FakeRedactor();
    public final FakeCredentials credentials = new FakeCredentials();
    public final RecordingAuditLog audit = new RecordingAuditLog();
    public final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
    /** Tool services refused at registration: owner, reason code. */
    public final List<String> refusedTools = new CopyOnWriteArrayList<>();

    public final ToolExecutor executor;
    public final ToolRegistry registry;
    public final List<PendingApprovals.Request> pending = new CopyOnWriteArrayList<>();
    public volatile boolean pluginActive = true;
    /** Where each call's egress client comes from; refuses every send unless a test sets another. */
    public volatile EgressFactory egress = EgressFactory.UNAVAILABLE;

    public final ApprovalListeners listeners = new ApprovalListeners();
    public final Invoker invoker;

    public Harness() {
        this(ToolExecutor.DEFAULT_THREADS, ToolExecutor.DEFAULT_QUEUE, null);
    }

    public Harness(int threads, int queue, @Nullable PendingApprovals approvals) {
        PendingApprovals sink = approvals != null ? approvals : request -> {};
        this.executor = new ToolExecutor(threads, queue);
        this.registry = new ToolRegistry(
                new SchemaCompiler(),
                executor,
                (owner, reasonCode, detail) -> refusedTools.add(owner + " " + reasonCode));
        this.invoker = new Invoker(
                registry,
                policy,
                credentials,
                redactor,
                audit,
                () -> egress,
                executor,
                new PendingApprovals() {
                    @Override
                    public void create(Request request) throws Exception {
                        pending.add(request);
                        sink.create(request);
                    }

                    @Override
                    public Optional<ApprovalState> state(String workspaceId, String approvalId) throws Exception {
                        return sink.state(workspaceId, approvalId);
                    }

                    @Override
                    public List<Expired> expireRun(String workspaceId, String runId) throws Exception {
                        return sink.expireRun(workspaceId, runId);
                    }
                },
                clock,
                Invoker.APPROVAL_TTL,
                listeners);
    }

    /** A queue that is {@code target}'s once it exists (a store made after the harness, over its clock). */
    public static PendingApprovals lazily(Supplier<? extends PendingApprovals> target) {
        return new PendingApprovals() {
            @Override
            public void create(Request request) throws Exception {
                target.get().create(request);
            }

            @Override
            public Optional<ApprovalState> state(String workspaceId, String approvalId) throws Exception {
                return target.get().state(workspaceId, approvalId);
            }

            @Override
            public List<Expired> expireRun(String workspaceId, String runId) throws Exception {
                return target.get().expireRun(workspaceId, runId);
            }
        };
    }

    /** A call whose caller had read untrusted content from {@code sources}. */
    public static ToolCall tainted(
            String tool, Map<String, @Nullable Object> arguments, @Nullable String runId, Taint taint) {
        return new ToolCall(WS, ALICE, tool, arguments, runId, null, "req-1", taint);
    }

    /** Registers {@code tool} as a service of the plugin {@value #PLUGIN}, active while {@link #pluginActive}. */
    public <T extends Tool> T add(T tool) {
        registry.add(tool, PLUGIN, "3.1.0", () -> pluginActive ? Optional.of(PLUGIN) : Optional.empty());
        return tool;
    }

    public static ToolCall call(String tool, Map<String, @Nullable Object> arguments) {
        return new ToolCall(WS, ALICE, tool, arguments, null, null, "req-1");
    }

    public static ToolCall call(
            String tool, Map<String, @Nullable Object> arguments, @Nullable String runId, @Nullable Duration timeout) {
        return new ToolCall(WS, ALICE, tool, arguments, runId, timeout, "req-1");
    }

    @Override
    public void close() {
        invoker.close();
    }
}
