package io.portcullis.tools.internal.invoke;

import static io.portcullis.tools.testing.Harness.PLUGIN;
import static io.portcullis.tools.testing.Harness.WS;
import static io.portcullis.tools.testing.Harness.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.Decision;
import io.portcullis.policy.WorkspacePolicy;
import io.portcullis.spi.Risk;
import io.portcullis.tools.ToolOutcome;
import io.portcullis.tools.testing.FakePolicy;
import io.portcullis.tools.testing.Harness;
import io.portcullis.tools.testing.TestTool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each refusal of the pipeline, in its order: it stops there, writes exactly one record naming why,
 * and runs nothing; and the same call passes once the refusal's cause is gone.
 */
class InvokerRefusalsTest {

    private final Harness h = new Harness();
    private final TestTool read = h.add(TestTool.echo("search.docs", Risk.READ));
    private final TestTool write = h.add(TestTool.echo("ticket.create", Risk.WRITE));

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void anUnknownToolIsNotFound() {
        assertRefused(h.invoker.invoke(call("no.such", Map.of("query", "x"))), 404, "not_found");
        assertThat(assertOneRecord(Decision.DENIED, "not_found", 404).arguments())
                .isEqualTo("{\"query\":\"x\"}");
    }

    @Test
    void aToolOfAPluginThatIsNotActiveIsNotFound() {
        h.pluginActive = false;
        assertRefused(h.invoker.invoke(call("search.docs", Map.of("query", "x"))), 404, "not_found");
        assertOneRecord(Decision.DENIED, "not_found", 404);
        assertThat(h.invoker.tools(WS)).isEmpty();

        h.pluginActive = true;
        assertThat(h.invoker.invoke(call("search.docs", Map.of("query", "x"))))
                .isInstanceOf(ToolOutcome.Completed.class);
    }

    @Test
    void aRevokedGrantAndAPluginNotEnabledAreNotFoundAlike() {
        h.policy.decide(PLUGIN, WS, io.portcullis.policy.Decision.PLUGIN_NOT_ACTIVE);
        ToolOutcome revoked = h.invoker.invoke(call("search.docs", Map.of("query", "x")));
        assertRefused(revoked, 404, "plugin_not_active");
        assertOneRecord(Decision.DENIED, "plugin_not_active", 404);

        h.policy.decide(PLUGIN, WS, io.portcullis.policy.Decision.NOT_ENABLED);
        ToolOutcome disabled = h.invoker.invoke(call("search.docs", Map.of("query", "x")));
        assertRefused(disabled, 404, "not_enabled");
        assertOneRecord(Decision.DENIED, "not_enabled", 404);
        assertThat(read.calls).isEmpty();
        // No existence oracle: the caller reads the same as for a tool that does not exist.
        assertThat(((ToolOutcome.Refused) disabled).detail()).isEqualTo(((ToolOutcome.Refused) revoked).detail());
        assertThat(h.invoker.tools(WS)).isEmpty();
    }

    @Test
    void readOnlyRefusesWritesButNotReads() {
        h.policy.policy(WS, FakePolicy.policy(true, false, 20, List.of()));
        assertRefused(h.invoker.invoke(call("ticket.create", Map.of("query", "x"))), 409, "read_only");
        assertOneRecord(Decision.DENIED, "read_only", 409);
        assertThat(write.calls).isEmpty();

        assertThat(h.invoker.invoke(call("search.docs", Map.of("query", "x"))))
                .isInstanceOf(ToolOutcome.Completed.class);
    }

    @Test
    void badArgumentsAreRefusedWithTheirPath() {
        ToolOutcome outcome = h.invoker.invoke(call("search.docs", Map.of("query", "x", "limit", "ten")));
        assertRefused(outcome, 400, "invalid_arguments");
        assertThat(((ToolOutcome.Refused) outcome).detail()).contains("$.limit").doesNotContain("ten");
        AuditEvent record = assertOneRecord(Decision.DENIED, "invalid_arguments", 400);
        assertThat(record.arguments()).isEqualTo("{\"limit\":\"ten\",\"query\":\"x\"}"); // canonical: sorted keys
        assertThat(read.calls).isEmpty();
    }

    @Test
    void checksStopAtTheFirstRefusalInOrder() {
        // not enabled beats read-only, read-only beats bad arguments, bad arguments beat the approval
        h.policy.policy(WS, FakePolicy.policy(true, false, 20, List.of()));
        h.policy.decide(PLUGIN, WS, io.portcullis.policy.Decision.NOT_ENABLED);
        assertRefused(h.invoker.invoke(call("ticket.create", Map.of("bogus", 1))), 404, "not_enabled");
        h.audit.take();

        h.policy.decisions.clear();
        assertRefused(h.invoker.invoke(call("ticket.create", Map.of("bogus", 1))), 409, "read_only");
        h.audit.take();

        h.policy.policy(WS, WorkspacePolicy.DEFAULT);
        assertRefused(h.invoker.invoke(call("ticket.create", Map.of("bogus", 1))), 400, "invalid_arguments");
        h.audit.take();

        assertThat(h.invoker.invoke(call("ticket.create", Map.of("query", "x"))))
                .isInstanceOf(ToolOutcome.Pending.class);
        assertThat(write.calls).isEmpty();
    }

    @Test
    void theRunLimitCountsCallsPerRun() {
        h.policy.policy(WS, FakePolicy.policy(false, false, 2, List.of()));
        for (int i = 0; i < 2; i++) {
            assertThat(h.invoker.invoke(call("search.docs", Map.of("query", "x"), "run-1", null)))
                    .isInstanceOf(ToolOutcome.Completed.class);
        }
        h.audit.take();
        assertRefused(h.invoker.invoke(call("search.docs", Map.of("query", "x"), "run-1", null)), 429, "run_limit");
        assertOneRecord(Decision.DENIED, "run_limit", 429);
        assertThat(read.calls).hasSize(2);

        assertThat(h.invoker.invoke(call("search.docs", Map.of("query", "x"), "run-2", null)))
                .isInstanceOf(ToolOutcome.Completed.class);
        for (int i = 0; i < 3; i++) { // a direct call belongs to no run
            assertThat(h.invoker.invoke(call("search.docs", Map.of("query", "x"))))
                    .isInstanceOf(ToolOutcome.Completed.class);
        }
    }

    @Test
    void anApprovalIsAskedBeforeTheRunLimitIsCounted() {
        h.policy.policy(WS, FakePolicy.policy(false, false, 1, List.of()));
        assertThat(h.invoker.invoke(call("ticket.create", Map.of("query", "x"), "run-1", null)))
                .isInstanceOf(ToolOutcome.Pending.class);
        assertThat(h.invoker.invoke(call("search.docs", Map.of("query", "x"), "run-1", null)))
                .isInstanceOf(ToolOutcome.Completed.class);
    }

    @Test
    void whatCannotBeRecordedDoesNotRun() {
        h.audit.failing(true);
        assertRefused(h.invoker.invoke(call("search.docs", Map.of("query", "x"))), 503, "audit_unavailable");
        assertRefused(h.invoker.invoke(call("ticket.create", Map.of("query", "x"))), 503, "audit_unavailable");
        assertRefused(h.invoker.invoke(call("no.such", Map.of())), 503, "audit_unavailable");
        assertThat(read.calls).isEmpty();
        assertThat(h.pending).isEmpty();
        assertThat(h.audit.events).isEmpty();

        h.audit.failing(false);
        assertThat(h.invoker.invoke(call("search.docs", Map.of("query", "x"))))
                .isInstanceOf(ToolOutcome.Completed.class);
    }

    private static void assertRefused(ToolOutcome outcome, int status, String code) {
        assertThat(outcome).isInstanceOf(ToolOutcome.Refused.class);
        ToolOutcome.Refused refused = (ToolOutcome.Refused) outcome;
        assertThat(refused.status()).as(refused.detail()).isEqualTo(status);
        assertThat(refused.code()).isEqualTo(code);
    }

    private AuditEvent assertOneRecord(Decision decision, String reason, int status) {
        List<AuditEvent> events = h.audit.take();
        assertThat(events).hasSize(1);
        AuditEvent event = events.get(0);
        assertThat(event.action()).isEqualTo("tool.invoke");
        assertThat(event.workspaceId()).isEqualTo(WS);
        assertThat(event.actor()).isEqualTo(Harness.ALICE);
        assertThat(event.decision()).isEqualTo(decision);
        assertThat(event.reasonCode()).isEqualTo(reason);
        assertThat(event.resultStatus()).isEqualTo(status);
        assertThat(event.requestId()).isEqualTo("req-1");
        return event;
    }
}
