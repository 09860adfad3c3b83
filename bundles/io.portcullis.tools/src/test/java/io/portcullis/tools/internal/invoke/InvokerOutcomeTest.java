package io.portcullis.tools.internal.invoke;

import static io.portcullis.tools.testing.Harness.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.Decision;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.Risk;
import io.portcullis.spi.ToolException;
import io.portcullis.spi.ToolResult;
import io.portcullis.tools.ToolOutcome;
import io.portcullis.tools.testing.Harness;
import io.portcullis.tools.testing.TestTool;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Plugin code outside {@code invoke} goes through the same guard ({@code risk} that throws an Error or
 * hangs refuses the call, on the record), and a call's one {@code tool.invoke} record carries how it
 * ended, a refused egress send included.
 */
class InvokerOutcomeTest {

    private final Harness h = new Harness();
    private final TestTool tool = h.add(TestTool.echo("search.docs", Risk.READ));

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void aRiskThatThrowsAnErrorRefusesTheCallOnTheRecord() {
        tool.risk(arguments -> {
            throw new StackOverflowError();
        });
        assertRefused(h.invoker.invoke(call("search.docs", Map.of("query", "x"))), 502, "plugin_failed");
        assertOneRecord(Decision.ERROR, "plugin_failed", 502);
        assertThat(tool.calls).isEmpty();

        tool.risk(arguments -> Risk.READ);
        assertThat(completed(h.invoker.invoke(call("search.docs", Map.of("query", "x"))))
                        .ok())
                .isTrue();
        assertOneRecord(Decision.ALLOWED, "run", 200);
    }

    @Test
    void aRiskThatHangsRefusesTheCallAtItsDeadline() {
        CountDownLatch never = new CountDownLatch(1);
        tool.risk(arguments -> {
            never.await(); // interrupted by the guard
            return Risk.READ;
        });
        assertRefused(
                h.invoker.invoke(call("search.docs", Map.of("query", "x"), null, Duration.ofMillis(100))),
                504,
                "plugin_timeout");
        assertOneRecord(Decision.ERROR, "plugin_timeout", 504);
        assertThat(tool.calls).isEmpty();
    }

    @Test
    void aRiskThatThrowsAnExceptionCountsAsTheDescriptorsRisk() {
        TestTool write = h.add(TestTool.echo("ticket.create", Risk.WRITE));
        write.risk(arguments -> {
            throw new IllegalArgumentException("cannot tell");
        });
        assertThat(h.invoker.invoke(call("ticket.create", Map.of("query", "x"))))
                .isInstanceOf(ToolOutcome.Pending.class);
        assertThat(write.calls).isEmpty();
    }

    @Test
    void theRecordCarriesHowTheCallEnded() {
        tool.body((arguments, context) -> {
            throw new ToolException("upstream said no");
        });
        assertThat(completed(h.invoker.invoke(call("search.docs", Map.of("query", "x"))))
                        .code())
                .isEqualTo("tool_error");
        assertOneRecord(Decision.ERROR, "tool_error", 502);

        CountDownLatch never = new CountDownLatch(1);
        tool.body((arguments, context) -> {
            never.await();
            return ToolResult.text("late");
        });
        assertThat(completed(h.invoker.invoke(call("search.docs", Map.of("query", "x"), null, Duration.ofMillis(50))))
                        .code())
                .isEqualTo("timeout");
        assertOneRecord(Decision.ERROR, "timeout", 504);
    }

    @Test
    void aRefusedSendIsOnTheCallsRecordEvenWhenThePluginSwallowsIt() {
        tool.body((arguments, context) -> {
            try {
                context.egress().send(EgressRequest.get(URI.create("http://127.0.0.1/admin")));
            } catch (EgressException e) {
                // a plugin that pretends nothing happened
            }
            return ToolResult.text("all good");
        });
        assertThat(completed(h.invoker.invoke(call("search.docs", Map.of("query", "x"))))
                        .ok())
                .isTrue();
        AuditEvent event = assertOneRecord(Decision.DENIED, "egress_refused", 403);
        assertThat(event.reasonText()).contains("egress is not available", "answered ok");

        tool.body((arguments, context) -> ToolResult.text("fine"));
        h.invoker.invoke(call("search.docs", Map.of("query", "x")));
        assertOneRecord(Decision.ALLOWED, "run", 200);
    }

    @Test
    void theCallsRequestIdReachesItsEgressClient() {
        String[] seen = new String[1];
        h.egress = (workspaceId, pluginId, deadline, policy, requestId) -> {
            seen[0] = requestId;
            return EgressFactory.UNAVAILABLE.forCall(workspaceId, pluginId, deadline, policy, requestId);
        };
        tool.body((arguments, context) -> {
            context.egress();
            return ToolResult.text("ok");
        });
        h.invoker.invoke(call("search.docs", Map.of("query", "x")));
        assertThat(seen[0]).isEqualTo("req-1");
    }

    @Test
    void aResultWhoseRecordCannotBeWrittenIsWithheld() {
        tool.body((arguments, context) -> {
            h.audit.failing(true); // the log fails while the tool runs
            return ToolResult.text("secret result");
        });
        ToolOutcome outcome = h.invoker.invoke(call("search.docs", Map.of("query", "x")));
        assertRefused(outcome, 503, "audit_unavailable");
        assertThat(h.audit.events).isEmpty();
    }

    private static void assertRefused(ToolOutcome outcome, int status, String code) {
        assertThat(outcome).isInstanceOf(ToolOutcome.Refused.class);
        ToolOutcome.Refused refused = (ToolOutcome.Refused) outcome;
        assertThat(refused.status()).as(refused.detail()).isEqualTo(status);
        assertThat(refused.code()).isEqualTo(code);
    }

    private static ToolOutcome.Completed completed(ToolOutcome outcome) {
        assertThat(outcome).isInstanceOf(ToolOutcome.Completed.class);
        return (ToolOutcome.Completed) outcome;
    }

    private AuditEvent assertOneRecord(Decision decision, String reason, int status) {
        List<AuditEvent> events = h.audit.take();
        assertThat(events).hasSize(1);
        AuditEvent event = events.get(0);
        assertThat(event.action()).isEqualTo("tool.invoke");
        assertThat(event.decision()).isEqualTo(decision);
        assertThat(event.reasonCode()).isEqualTo(reason);
        assertThat(event.resultStatus()).isEqualTo(status);
        assertThat(event.requestId()).isEqualTo("req-1");
        return event;
    }
}
