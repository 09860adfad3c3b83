package io.portcullis.tools.internal.invoke;

import static io.portcullis.tools.testing.Harness.PLUGIN;
import static io.portcullis.tools.testing.Harness.WS;
import static io.portcullis.tools.testing.Harness.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.AuditEvent;
import io.portcullis.policy.WorkspacePolicy.AutoApproval;
import io.portcullis.spi.Risk;
import io.portcullis.tools.ToolOutcome;
import io.portcullis.tools.testing.FakePolicy;
import io.portcullis.tools.testing.FakeRedactor;
import io.portcullis.tools.testing.Harness;
import io.portcullis.tools.testing.TestTool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which calls wait for an approval, what the queue keeps of them, and how an approved call runs. */
class InvokerApprovalTest {

    private final Harness h = new Harness();
    private final TestTool write = h.add(TestTool.echo("ticket.create", Risk.WRITE));
    private final TestTool destructive = h.add(TestTool.echo("ticket.delete", Risk.DESTRUCTIVE));

    @AfterEach
    void close() {
        h.close();
    }

    /** What an approval of {@code ticket.delete {"query":"x"}} under the harness's policy is bound to. */
    private Invoker.Binding bound(String toolVersion) {
        return new Invoker.Binding(
                toolVersion, h.policy.workspacePolicy(WS).version(), Invoker.digest("{\"query\":\"x\"}"));
    }

    @Test
    void writesWaitUnlessAnAutoApprovalMatchesAndDestructiveCallsAlwaysWait() {
        h.policy.policy(
                WS,
                FakePolicy.policy(
                        false,
                        false,
                        20,
                        List.of(
                                new AutoApproval("ticket.create", Map.of("query", "routine")),
                                new AutoApproval("ticket.delete", Map.of()))));

        assertThat(h.invoker.invoke(call("ticket.create", Map.of("query", "routine"))))
                .isInstanceOf(ToolOutcome.Completed.class);
        assertThat(h.invoker.invoke(call("ticket.create", Map.of("query", "unusual"))))
                .isInstanceOf(ToolOutcome.Pending.class);
        assertThat(h.invoker.invoke(call("ticket.delete", Map.of("query", "routine"))))
                .isInstanceOf(ToolOutcome.Pending.class);
        assertThat(write.calls).hasSize(1);
        assertThat(destructive.calls).isEmpty();
    }

    @Test
    void aPendingCallIsRecordedAndQueuedWithRedactedArgumentsForDisplay() {
        ToolOutcome outcome = h.invoker.invoke(call("ticket.delete", Map.of("query", "key " + FakeRedactor.SECRET)));

        ToolOutcome.Pending pending = (ToolOutcome.Pending) outcome;
        assertThat(pending.expiresAt()).isEqualTo(h.clock.instant().plus(Invoker.APPROVAL_TTL));
        var request = h.pending.get(0);
        assertThat(request.id()).isEqualTo(pending.approvalId());
        assertThat(request.pluginId()).isEqualTo(PLUGIN);
        assertThat(request.toolVersion()).isEqualTo("1.2.0");
        assertThat(request.runId()).isEqualTo("manual");
        assertThat(request.requester()).isEqualTo(Harness.ALICE);
        assertThat(request.arguments()).contains(FakeRedactor.SECRET); // needed to run it
        assertThat(request.displayArguments())
                .doesNotContain(FakeRedactor.SECRET)
                .contains(FakeRedactor.MARK);
        List<AuditEvent> events = h.audit.take();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("approval.request"); // not tool.invoke: nothing ran yet
            assertThat(e.target()).isEqualTo("approval:" + pending.approvalId());
            assertThat(e.reasonCode()).isEqualTo("approval_pending");
            assertThat(e.resultStatus()).isEqualTo(202);
            assertThat(e.reasonText()).contains("ticket.delete", PLUGIN);
            assertThat(e.requestId()).isEqualTo("req-1");
        });
    }

    @Test
    void anApprovedCallHasExactlyOneToolInvokeRecordWrittenWithItsOutcome() {
        ToolOutcome.Pending pending =
                (ToolOutcome.Pending) h.invoker.invoke(call("ticket.delete", Map.of("query", "x")));
        destructive.body((arguments, context) -> {
            throw new io.portcullis.spi.ToolException("upstream said no");
        });
        h.invoker.runApproved(call("ticket.delete", Map.of("query", "x")), pending.approvalId(), bound("1.2.0"));

        List<AuditEvent> events = h.audit.take();
        assertThat(events).extracting(AuditEvent::action).containsExactly("approval.request", "tool.invoke");
        assertThat(events.get(1).decision()).isEqualTo(io.portcullis.audit.Decision.ERROR);
        assertThat(events.get(1).reasonCode()).isEqualTo("tool_error");
        assertThat(events.get(1).reasonText()).contains("approval " + pending.approvalId());
    }

    @Test
    void anApprovedCallIsCheckedAgainThenRuns() {
        var approved = call("ticket.delete", Map.of("query", "x"));

        h.policy.decide(PLUGIN, WS, io.portcullis.policy.Decision.NOT_ENABLED);
        assertThat(h.invoker.runApproved(approved, "a1", bound("1.2.0")))
                .isInstanceOfSatisfying(
                        ToolOutcome.Refused.class, r -> assertThat(r.status()).isEqualTo(404));
        h.policy.decisions.clear();
        assertThat(h.invoker.runApproved(approved, "a1", bound("1.1.0")))
                .isInstanceOfSatisfying(
                        ToolOutcome.Refused.class, r -> assertThat(r.code()).isEqualTo("tool_changed"));
        assertThat(destructive.calls).isEmpty();
        h.audit.take();

        assertThat(h.invoker.runApproved(approved, "a1", bound("1.2.0"))).isInstanceOf(ToolOutcome.Completed.class);
        assertThat(destructive.calls).hasSize(1);
        assertThat(h.audit.take()).singleElement().satisfies(e -> {
            assertThat(e.reasonCode()).isEqualTo("approved");
            assertThat(e.reasonText()).contains("approval a1");
        });
    }

    @Test
    void aQueueThatCannotStoreTheCallRunsNothing() {
        try (Harness failing = new Harness(2, 2, request -> {
            throw new java.sql.SQLException("down");
        })) {
            TestTool tool = failing.add(TestTool.echo("ticket.delete", Risk.DESTRUCTIVE));
            assertThat(failing.invoker.invoke(call("ticket.delete", Map.of("query", "x"))))
                    .isInstanceOfSatisfying(
                            ToolOutcome.Refused.class,
                            r -> assertThat(r.status()).isEqualTo(503));
            assertThat(tool.calls).isEmpty();
        }
    }
}
