package io.portcullis.tools.internal;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditRecord;
import io.portcullis.policy.Decision;
import io.portcullis.policy.PluginPolicy;
import io.portcullis.policy.WorkspacePolicy;
import io.portcullis.spi.Risk;
import io.portcullis.spi.Tool;
import io.portcullis.spi.ToolContext;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.spi.ToolResult;
import io.portcullis.tools.ToolCall;
import io.portcullis.tools.ToolOutcome;
import io.portcullis.tools.internal.guard.ToolExecutor;
import io.portcullis.tools.internal.invoke.EgressFactory;
import io.portcullis.tools.internal.invoke.Invoker;
import io.portcullis.tools.internal.registry.ToolRegistry;
import io.portcullis.tools.internal.schema.SchemaCompiler;
import io.portcullis.vault.CredentialHandle;
import io.portcullis.vault.CredentialUse;
import io.portcullis.vault.SecretValue;
import io.portcullis.vault.internal.redaction.LiveRedactor;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.osgi.framework.Bundle;

/**
 * The invoker's in-process overhead (issue 7, goal p50 ≤ 50 µs): one call of a no-op {@code read} tool
 * through the whole pipeline — registry lookup, the policy's decision (an in-memory answer, as the
 * snapshot gives), schema validation of a small realistic argument object (a string, an integer and a
 * nested object against a draft 2020-12 schema with a {@code maxLength}, bounds and an {@code enum}),
 * canonical JSON of the arguments, the approval check (an auto-approval list to scan), the run limit,
 * the hand-off to the bounded executor and back, the real vault redactor (50 live secrets) over the
 * result, and the untrusted wrapping with provenance. The audit log returns at once (no group commit:
 * that is the audit bundle's figure), and the tool body does nothing.
 *
 * <p>Each call carries a run id from a ring of 1,024 so that the per-run limit is counted but never hit.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InvokerBenchmark {

    static final String WS = "aaaaaaaaaaaaaaaaaaaaaaaa";
    static final String PLUGIN = "io.example.tools";
    static final String SCHEMA = """
            {"type": "object",
             "properties": {
               "query": {"type": "string", "maxLength": 2000},
               "limit": {"type": "integer", "minimum": 1, "maximum": 50},
               "options": {"type": "object", "properties": {"lang": {"type": "string", "enum": ["en", "de", "fr"]},
                                                            "exact": {"type": "boolean"}}}
             },
             "required": ["query"]}""";

    @State(Scope.Benchmark)
    public static class Pipeline {
        Invoker invoker;
        ToolCall[] calls;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            LiveRedactor redactor = new LiveRedactor();
            for (int i = 0; i < 50; i++) {
                redactor.put(WS, "cred" + i, "sk-live-" + Integer.toHexString(0x10000000 + i * 7919) + "abcdef");
            }
            ToolExecutor guard = new ToolExecutor(ToolExecutor.DEFAULT_THREADS, ToolExecutor.DEFAULT_QUEUE);
            ToolRegistry registry = new ToolRegistry(new SchemaCompiler(), guard, (owner, reason, detail) -> {});
            registry.add(new NoOpTool(), PLUGIN, "1.0.0", () -> Optional.of(PLUGIN));
            invoker = new Invoker(
                    registry,
                    new AllowingPolicy(),
                    new NoCredentials(),
                    redactor,
                    new InstantAuditLog(),
                    () -> EgressFactory.UNAVAILABLE,
                    guard,
                    request -> {},
                    Clock.systemUTC());
            Map<String, Object> arguments = Map.of(
                    "query",
                    "quarterly revenue by region",
                    "limit",
                    10,
                    "options",
                    Map.of("lang", "en", "exact", false));
            calls = new ToolCall[1024];
            for (int i = 0; i < calls.length; i++) {
                calls[i] = new ToolCall(
                        WS,
                        new Actor(Actor.API_KEY, "key" + i, "key" + i),
                        "search.docs",
                        arguments,
                        "run-" + i,
                        null,
                        "req-" + i);
            }
            ToolOutcome outcome = invoker.invoke(calls[0]);
            if (!(outcome instanceof ToolOutcome.Completed completed) || !completed.ok()) {
                throw new IllegalStateException("the pipeline does not run the tool: " + outcome);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            invoker.close();
        }
    }

    @Benchmark
    public ToolOutcome invokeNoOpTool(Pipeline pipeline) {
        ToolCall call = pipeline.calls[pipeline.next++ & 1023];
        return pipeline.invoker.invoke(call);
    }

    /** A tool that does nothing and says so. */
    static final class NoOpTool implements Tool {
        private final ToolDescriptor descriptor =
                new ToolDescriptor("search.docs", "1.0.0", "Searches the documents.", SCHEMA, Risk.READ);

        @Override
        public ToolDescriptor descriptor() {
            return descriptor;
        }

        @Override
        public ToolResult invoke(Map<String, Object> arguments, ToolContext context) {
            return ToolResult.text("no results");
        }
    }

    /** Every plugin active and enabled; a policy with a few auto-approval rules to scan. */
    static final class AllowingPolicy implements PluginPolicy {
        private final WorkspacePolicy policy = new WorkspacePolicy(
                false,
                false,
                1000,
                List.of(
                        new WorkspacePolicy.AutoApproval("ticket.create", Map.of("queue", "routine")),
                        new WorkspacePolicy.AutoApproval("mail.send", Map.of())),
                List.of(),
                List.of(),
                List.of());

        @Override
        public Decision decide(String pluginId, String workspaceId, Risk risk) {
            return Decision.ALLOW;
        }

        @Override
        public boolean holds(String pluginId, String scope) {
            return false;
        }

        @Override
        public boolean declares(String pluginId, String scope) {
            return false;
        }

        @Override
        public WorkspacePolicy workspacePolicy(String workspaceId) {
            return policy;
        }

        @Override
        public Optional<String> activePlugin(Bundle bundle) {
            return Optional.empty();
        }
    }

    /** Appends nothing and returns at once: the audit writer's cost is not the invoker's. */
    static final class InstantAuditLog implements AuditLog {
        @Override
        public AuditRecord append(AuditEvent event) {
            return null;
        }

        @Override
        public boolean writable() {
            return true;
        }
    }

    static final class NoCredentials implements CredentialUse {
        @Override
        public Optional<CredentialHandle> handle(String workspaceId, String pluginId, String credentialId) {
            return Optional.empty();
        }

        @Override
        public SecretValue open(CredentialHandle handle) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SecretValue reveal(String workspaceId, String pluginId, Set<String> grantedScopes, String credentialId) {
            throw new UnsupportedOperationException();
        }
    }
}
