package io.portcullis.tools.internal.invoke;

import static io.portcullis.tools.testing.Harness.PLUGIN;
import static io.portcullis.tools.testing.Harness.WS;
import static io.portcullis.tools.testing.Harness.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.Decision;
import io.portcullis.hosts.HostCallException;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.Risk;
import io.portcullis.spi.Scopes;
import io.portcullis.spi.ToolException;
import io.portcullis.spi.ToolResult;
import io.portcullis.tools.ToolOutcome;
import io.portcullis.tools.testing.FakeRedactor;
import io.portcullis.tools.testing.Harness;
import io.portcullis.tools.testing.TestTool;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Calls that run: what the tool gets, what the caller reads, and plugins that misbehave. */
class InvokerExecutionTest {

    private final Harness h = new Harness();
    private final TestTool tool = h.add(TestTool.echo("search.docs", Risk.READ));

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void aResultIsWrappedAsUntrustedContentWithItsProvenance() {
        tool.body((arguments, context) -> ToolResult.json("{\"hits\": [\"a\", \"b\"]}"));
        ToolOutcome.Completed done = completed(h.invoker.invoke(call("search.docs", Map.of("query", "x", "limit", 3))));

        assertThat(done.ok()).isTrue();
        JsonNode result = done.body().get("result");
        assertThat(done.body().get("status").asText()).isEqualTo("ok");
        assertThat(result.get("untrusted").asBoolean()).isTrue();
        assertThat(result.get("media_type").asText()).isEqualTo("application/json");
        assertThat(result.get("content").get("hits").get(1).asText()).isEqualTo("b");
        JsonNode provenance = result.get("provenance");
        assertThat(provenance.get("tool").asText()).isEqualTo("search.docs");
        assertThat(provenance.get("tool_version").asText()).isEqualTo("1.2.0");
        assertThat(provenance.get("plugin").asText()).isEqualTo(PLUGIN);
        assertThat(provenance.get("plugin_version").asText()).isEqualTo("3.1.0");
        assertThat(provenance.get("produced_at").asText()).isEqualTo("2026-03-01T10:00:00Z");
    }

    @Test
    void theToolGetsTheValidatedArgumentsAndItsContext() {
        ToolOutcome.Completed done = completed(h.invoker.invoke(call(
                "search.docs", Map.of("query", "x", "options", Map.of("lang", "de")), "run-7", Duration.ofSeconds(5))));

        assertThat(done.body().get("result").get("content").asText()).isEqualTo("echo x");
        assertThat(tool.calls).containsExactly(Map.of("query", "x", "options", Map.of("lang", "de")));
        var context = tool.contexts.get(0);
        assertThat(context.workspaceId()).isEqualTo(WS);
        assertThat(context.runId()).isEqualTo("run-7");
        assertThat(context.deadline()).isEqualTo(h.clock.instant().plusSeconds(5));
        List<AuditEvent> events = h.audit.take();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).decision()).isEqualTo(Decision.ALLOWED);
        assertThat(events.get(0).reasonCode()).isEqualTo("run");
        assertThat(events.get(0).target()).isEqualTo("tool:search.docs");
        assertThat(events.get(0).reasonText()).contains("1.2.0", PLUGIN);
    }

    @Test
    void aDirectCallRunsAsRunManualWithTheDefaultDeadline() {
        h.invoker.invoke(call("search.docs", Map.of("query", "x"), null, Duration.ofMinutes(5)));
        assertThat(tool.contexts.get(0).runId()).isEqualTo("manual");
        assertThat(tool.contexts.get(0).deadline()).isEqualTo(h.clock.instant().plus(Invoker.DEFAULT_TIMEOUT));
    }

    @Test
    void secretsAreRedactedFromResultsAndMessages() {
        tool.body((arguments, context) -> ToolResult.text("token=" + FakeRedactor.SECRET));
        String text = completed(h.invoker.invoke(call("search.docs", Map.of("query", "x"))))
                .body()
                .toString();
        assertThat(text).doesNotContain(FakeRedactor.SECRET).contains(FakeRedactor.MARK);

        // escaped in JSON, the secret is only seen once the JSON is parsed
        String escaped = FakeRedactor.SECRET.replace("-", "\\u002d");
        tool.body((arguments, context) -> ToolResult.json("{\"" + escaped + "\": \"" + escaped + "\"}"));
        text = completed(h.invoker.invoke(call("search.docs", Map.of("query", "x"))))
                .body()
                .toString();
        assertThat(text).doesNotContain(FakeRedactor.SECRET).contains(FakeRedactor.MARK);

        tool.body((arguments, context) -> {
            throw new ToolException("upstream refused key " + FakeRedactor.SECRET);
        });
        ToolOutcome.Completed failed = completed(h.invoker.invoke(call("search.docs", Map.of("query", "x"))));
        assertThat(failed.code()).isEqualTo("tool_error");
        assertThat(failed.body().get("error").get("message").asText())
                .isEqualTo("upstream refused key " + FakeRedactor.MARK);
        assertThat(failed.body().get("error").get("untrusted").asBoolean()).isTrue();
    }

    @Test
    void unexpectedExceptionsAndErrorsBecomeErrorResults() {
        tool.body((arguments, context) -> {
            throw new IllegalStateException("internal detail " + FakeRedactor.SECRET);
        });
        ToolOutcome.Completed crashed = completed(h.invoker.invoke(call("search.docs", Map.of("query", "x"))));
        assertThat(crashed.code()).isEqualTo("plugin_error");
        assertThat(crashed.body().toString()).doesNotContain("internal detail");

        tool.body((arguments, context) -> {
            throw new StackOverflowError();
        });
        assertThat(completed(h.invoker.invoke(call("search.docs", Map.of("query", "x"))))
                        .code())
                .isEqualTo("plugin_error");

        tool.body((arguments, context) -> ToolResult.text("fine"));
        assertThat(completed(h.invoker.invoke(call("search.docs", Map.of("query", "x"))))
                        .ok())
                .isTrue();
    }

    @Test
    void aHostThatFailsDuringTheCallIsAPluginErrorThatSaysWhatHappened() {
        tool.body((arguments, context) -> {
            throw new HostCallException("The host of plugin 'acme' stopped during the call (exit code 137).");
        });
        ToolOutcome.Completed failed = completed(h.invoker.invoke(call("search.docs", Map.of("query", "x"))));
        assertThat(failed.code()).isEqualTo("plugin_error");
        assertThat(failed.body().get("error").get("message").asText())
                .isEqualTo("The host of plugin 'acme' stopped during the call (exit code 137).");
    }

    @Test
    void anOversizedResultIsAnError() {
        tool.body((arguments, context) -> ToolResult.text("x".repeat(Results.MAX_RESULT_BYTES + 1)));
        ToolOutcome.Completed done = completed(h.invoker.invoke(call("search.docs", Map.of("query", "x"))));
        assertThat(done.ok()).isFalse();
        assertThat(done.code()).isEqualTo("too_large");

        // multi-byte characters count as bytes
        tool.body((arguments, context) -> ToolResult.text("é".repeat(Results.MAX_RESULT_BYTES / 2 + 1)));
        assertThat(completed(h.invoker.invoke(call("search.docs", Map.of("query", "x"))))
                        .code())
                .isEqualTo("too_large");

        tool.body((arguments, context) -> ToolResult.text("x".repeat(Results.MAX_RESULT_BYTES)));
        assertThat(completed(h.invoker.invoke(call("search.docs", Map.of("query", "x"))))
                        .ok())
                .isTrue();
    }

    @Test
    void aHangingToolTimesOutAndTheExecutorKeepsWorking() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        tool.body((arguments, context) -> {
            while (!release.await(1, TimeUnit.SECONDS)) { // ignores interrupts: a badly written plugin
                Thread.interrupted();
            }
            return ToolResult.text("late");
        });
        try {
            for (int i = 0; i < 3; i++) {
                ToolOutcome.Completed done = completed(
                        h.invoker.invoke(call("search.docs", Map.of("query", "x"), null, Duration.ofMillis(50))));
                assertThat(done.code()).isEqualTo("timeout");
                assertThat(done.body().toString()).doesNotContain("late");
            }
            tool.body((arguments, context) -> ToolResult.text("prompt"));
            ToolOutcome.Completed next = completed(h.invoker.invoke(call("search.docs", Map.of("query", "x"))));
            assertThat(next.body().get("result").get("content").asText()).isEqualTo("prompt");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aFullExecutorRefusesWithoutRunning() throws Exception {
        try (Harness small = new Harness(1, 1, null)) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(1);
            TestTool slow = small.add(new TestTool("slow.tool", Risk.READ, (arguments, context) -> {
                started.countDown();
                release.await();
                return ToolResult.text("done");
            }));
            Thread first = new Thread(() -> small.invoker.invoke(call("slow.tool", Map.of("query", "1"))));
            Thread second = new Thread(() -> small.invoker.invoke(call("slow.tool", Map.of("query", "2"))));
            first.start();
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            second.start();
            while (small.executor.freePlaces() > 0) { // the second is queued
                Thread.sleep(5);
            }
            ToolOutcome refused = small.invoker.invoke(call("slow.tool", Map.of("query", "3")));
            assertThat(refused)
                    .isEqualTo(new ToolOutcome.Refused(
                            503, "executor_full", "Too many tool calls are running; try again later."));
            assertThat(small.audit.events.get(0).reasonCode()).isEqualTo("executor_full");
            release.countDown();
            first.join();
            second.join();
            assertThat(slow.calls).hasSize(2).extracting(a -> a.get("query")).containsExactlyInAnyOrder("1", "2");
        }
    }

    @Test
    void credentialsNeedVaultUseAndABinding() throws Exception {
        h.credentials.bind(WS, PLUGIN, "cred1");
        h.invoker.invoke(call("search.docs", Map.of("query", "x")));
        var context = tool.contexts.get(0);
        assertThat(context.credential("cred1")).isEmpty(); // no vault.use

        h.policy.held.add(PLUGIN + ":" + Scopes.VAULT_USE);
        assertThat(context.credential("cred1"))
                .hasValueSatisfying(ref -> assertThat(ref.credentialId()).isEqualTo("cred1"));
        assertThat(context.credential("cred2")).isEmpty();
    }

    @Test
    void egressIsRefusedUntilTheGuardIsBound() {
        h.invoker.invoke(call("search.docs", Map.of("query", "x")));
        assertThatThrownBy(
                        () -> tool.contexts.get(0).egress().send(EgressRequest.get(URI.create("https://example.com/"))))
                .isInstanceOfSatisfying(
                        EgressException.class, e -> assertThat(e.reason()).isEqualTo(EgressException.Reason.REFUSED));
    }

    private static ToolOutcome.Completed completed(ToolOutcome outcome) {
        assertThat(outcome).isInstanceOf(ToolOutcome.Completed.class);
        return (ToolOutcome.Completed) outcome;
    }
}
