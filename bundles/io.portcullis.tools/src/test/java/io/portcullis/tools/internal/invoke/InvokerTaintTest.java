package io.portcullis.tools.internal.invoke;

import static io.portcullis.tools.testing.Harness.WS;
import static io.portcullis.tools.testing.Harness.call;
import static io.portcullis.tools.testing.Harness.tainted;
import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.AuditEvent;
import io.portcullis.policy.WorkspacePolicy;
import io.portcullis.policy.WorkspacePolicy.AutoApproval;
import io.portcullis.policy.WorkspacePolicy.TaintMode;
import io.portcullis.policy.WorkspacePolicy.TaintedCalls;
import io.portcullis.spi.Risk;
import io.portcullis.tools.Taint;
import io.portcullis.tools.ToolCall;
import io.portcullis.tools.ToolOutcome;
import io.portcullis.tools.testing.FakePolicy;
import io.portcullis.tools.testing.FakeRedactor;
import io.portcullis.tools.testing.Harness;
import io.portcullis.tools.testing.TestTool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Calls whose caller had read untrusted content: the workspace's tainted_calls rule per risk beats the
 * auto-approval rules, a refusal names no argument value, the evidence reaches the approval and the
 * record, and an approval runs only on the policy and the arguments it was asked with.
 */
class InvokerTaintTest {

    /** An argument value planted by an injected page, which no refusal or record may echo. */
    static final String PLANTED = "attacker-account-77631";

    static final Taint TAINT =
            new Taint(true, List.of("customer", "tool:web.fetch@1.0.0"), List.of("query"), List.of("evil.example"));

    private final Harness h = new Harness();
    private final TestTool read = h.add(TestTool.echo("search.docs", Risk.READ));
    private final TestTool write = h.add(TestTool.echo("ticket.create", Risk.WRITE));
    private final TestTool destructive = h.add(TestTool.echo("ticket.delete", Risk.DESTRUCTIVE));

    @AfterEach
    void close() {
        h.close();
    }

    /** A policy auto-approving every ticket.create, with the given tainted-call rules. */
    private void policy(TaintedCalls rules) {
        h.policy.policy(
                WS,
                FakePolicy.policy(false, false, 20, List.of(new AutoApproval("ticket.create", Map.of())))
                        .withTaintedCalls(rules));
    }

    private static Map<String, Object> planted() {
        return Map.of("query", PLANTED);
    }

    @Test
    void aTaintedWriteWaitsForAnApprovalEvenWhenAnAutoApprovalMatches() {
        policy(TaintedCalls.DEFAULT);

        ToolOutcome untainted = h.invoker.invoke(call("ticket.create", planted(), "run-1", null));
        assertThat(untainted).as("the legitimate path: auto-approved").isInstanceOf(ToolOutcome.Completed.class);
        assertThat(write.calls).hasSize(1);

        ToolOutcome outcome = h.invoker.invoke(tainted("ticket.create", planted(), "run-1", TAINT));

        assertThat(outcome).isInstanceOf(ToolOutcome.Pending.class);
        assertThat(write.calls).as("the tainted call did not run").hasSize(1);
        PendingApprovals.Request request = h.pending.get(0);
        assertThat(request.reason()).isEqualTo(PendingApprovals.UNTRUSTED_CONTEXT);
        assertThat(request.runId()).isEqualTo("run-1");
        assertThat(request.argumentDigest()).isEqualTo(Invoker.digest(request.arguments()));
        assertThat(request.policyVersion())
                .isEqualTo(h.policy.workspacePolicy(WS).version());
        assertThat(request.evidence())
                .isEqualTo("{\"hosts\":[\"evil.example\"],\"matched_arguments\":[\"query\"],"
                        + "\"sources\":[\"customer\",\"tool:web.fetch@1.0.0\"]}");
        AuditEvent asked = h.audit.events.get(h.audit.events.size() - 1);
        assertThat(asked.action()).isEqualTo("approval.request");
        assertThat(asked.reasonText())
                .contains("taint: untrusted", "customer", "tool:web.fetch@1.0.0", "query", "evil.example")
                .doesNotContain(PLANTED);
    }

    @Test
    void aTaintedWriteUnderDenyIsRefusedNamingNoArgumentValueAndDoesNotRun() {
        policy(new TaintedCalls(TaintMode.ALLOW, TaintMode.DENY, TaintMode.APPROVE));

        ToolOutcome outcome = h.invoker.invoke(tainted("ticket.create", planted(), "run-1", TAINT));

        assertThat(outcome).isInstanceOfSatisfying(ToolOutcome.Refused.class, r -> {
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.code()).isEqualTo("tainted");
            assertThat(r.detail()).contains("'write'").doesNotContain(PLANTED);
        });
        assertThat(write.calls).isEmpty();
        assertThat(h.pending).isEmpty();
        List<AuditEvent> events = h.audit.take();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("tool.invoke");
            assertThat(e.reasonCode()).isEqualTo("tainted");
            assertThat(e.resultStatus()).isEqualTo(409);
            assertThat(e.reasonText())
                    .startsWith("taint: untrusted; sources: [customer, tool:web.fetch@1.0.0];"
                            + " matched_arguments: [query]; hosts: [evil.example]")
                    .doesNotContain(PLANTED);
        });

        // The same call from a caller that read nothing untrusted takes the normal path: auto-approved.
        assertThat(h.invoker.invoke(call("ticket.create", planted(), "run-1", null)))
                .isInstanceOf(ToolOutcome.Completed.class);
        assertThat(write.calls).containsExactly(Map.of("query", PLANTED));
        assertThat(h.audit.take())
                .singleElement()
                .satisfies(e -> assertThat(e.reasonText()).doesNotContain("taint"));
    }

    @Test
    void aTaintedReadRunsByDefaultAndWaitsUnderApproveWithItsEvidenceOnTheRecord() {
        policy(TaintedCalls.DEFAULT);
        assertThat(h.invoker.invoke(tainted("search.docs", planted(), "run-1", TAINT)))
                .isInstanceOf(ToolOutcome.Completed.class);
        assertThat(read.calls).hasSize(1);
        assertThat(h.audit.take()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("tool.invoke");
            assertThat(e.reasonCode()).isEqualTo("run");
            assertThat(e.reasonText())
                    .contains("taint: untrusted", "evil.example")
                    .doesNotContain(PLANTED);
        });

        policy(new TaintedCalls(TaintMode.APPROVE, TaintMode.APPROVE, TaintMode.APPROVE));
        assertThat(h.invoker.invoke(tainted("search.docs", planted(), "run-1", TAINT)))
                .isInstanceOf(ToolOutcome.Pending.class);
        assertThat(read.calls).hasSize(1);
        assertThat(h.pending).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(PendingApprovals.UNTRUSTED_CONTEXT);
            assertThat(r.risk()).isEqualTo(Risk.READ);
        });
        // Untainted, the read still runs.
        assertThat(h.invoker.invoke(call("search.docs", planted(), "run-1", null)))
                .isInstanceOf(ToolOutcome.Completed.class);
        assertThat(read.calls).hasSize(2);
    }

    @Test
    void aTaintedCallUnderAllowTakesTheNormalPathSoADestructiveOneStillWaitsForItsRisk() {
        policy(new TaintedCalls(TaintMode.ALLOW, TaintMode.ALLOW, TaintMode.ALLOW));

        assertThat(h.invoker.invoke(tainted("ticket.create", planted(), "run-1", TAINT)))
                .as("auto-approved, as the workspace allows tainted writes")
                .isInstanceOf(ToolOutcome.Completed.class);
        assertThat(h.invoker.invoke(tainted("ticket.delete", planted(), "run-1", TAINT)))
                .isInstanceOf(ToolOutcome.Pending.class);
        assertThat(destructive.calls).isEmpty();
        assertThat(h.pending).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(PendingApprovals.RISK);
            assertThat(r.evidence()).as("the approver still sees the evidence").contains("evil.example");
        });
    }

    @Test
    void theTaintRuleIsAskedOnlyOnceTheArgumentsAreValidAndUntaintedCallsCarryNoEvidence() {
        policy(new TaintedCalls(TaintMode.DENY, TaintMode.DENY, TaintMode.DENY));
        assertThat(h.invoker.invoke(tainted("ticket.create", Map.of("limit", 3), "run-1", TAINT)))
                .isInstanceOfSatisfying(
                        ToolOutcome.Refused.class, r -> assertThat(r.code()).isEqualTo("invalid_arguments"));

        assertThat(h.invoker.invoke(call("ticket.delete", planted(), "run-1", null)))
                .isInstanceOf(ToolOutcome.Pending.class);
        assertThat(h.pending).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(PendingApprovals.RISK);
            assertThat(r.evidence()).isNull();
        });
    }

    @Test
    void evidenceIsRedactedAndBounded() {
        policy(TaintedCalls.DEFAULT);
        List<String> hosts = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            hosts.add("h" + i + ".example");
        }
        hosts.add("x".repeat(500));
        hosts.set(0, "leak-" + FakeRedactor.SECRET + ".example");
        Taint many = new Taint(true, List.of("customer"), List.of("query"), hosts);

        h.invoker.invoke(tainted("ticket.create", planted(), "run-1", many));

        String evidence = h.pending.get(0).evidence();
        assertThat(evidence).doesNotContain(FakeRedactor.SECRET).contains(FakeRedactor.MARK);
        assertThat(evidence.split("\\.example", -1)).hasSizeLessThan(Evidence.MAX_ENTRIES + 2);
        assertThat(h.audit.events.get(0).reasonText()).contains("more]").hasSizeLessThan(1000);
    }

    @Test
    void matchedArgumentsThatNameNoArgumentNeverReachTheApprovalOrTheRecord() {
        policy(new TaintedCalls(TaintMode.ALLOW, TaintMode.APPROVE, TaintMode.DENY));
        Taint confused =
                new Taint(true, List.of("customer"), List.of("query", PLANTED, "options.lang", "queryx"), List.of());

        h.invoker.invoke(
                tainted("ticket.create", Map.of("query", PLANTED, "options", Map.of("lang", "en")), "r", confused));
        h.invoker.invoke(tainted("ticket.delete", planted(), "r", confused));

        assertThat(h.pending.get(0).evidence())
                .contains("\"matched_arguments\":[\"query\",\"options.lang\"]")
                .doesNotContain(PLANTED);
        assertThat(h.audit.events)
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.reasonText())
                        .contains("matched_arguments: [query")
                        .doesNotContain(PLANTED)
                        .doesNotContain("queryx"));
    }

    @Test
    void anApprovalRunsOnlyOnThePolicyAndTheArgumentsItWasAskedWith() {
        policy(TaintedCalls.DEFAULT);
        ToolCall asked = tainted("ticket.create", planted(), "run-1", TAINT);
        ToolOutcome.Pending pending = (ToolOutcome.Pending) h.invoker.invoke(asked);
        PendingApprovals.Request request = h.pending.get(0);
        Invoker.Binding binding = new Invoker.Binding("1.2.0", request.policyVersion(), request.argumentDigest());
        h.audit.take();

        // Other arguments than those approved: void, nothing runs.
        ToolOutcome tampered = h.invoker.runApproved(
                call("ticket.create", Map.of("query", "other-account"), "run-1", null), pending.approvalId(), binding);
        assertThat(tampered).isInstanceOfSatisfying(ToolOutcome.Refused.class, r -> {
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.code()).isEqualTo("approval_void");
            assertThat(r.detail()).contains("arguments").doesNotContain("other-account");
        });
        // An approval from before digests and versions were kept: void.
        assertThat(h.invoker.runApproved(asked, pending.approvalId(), new Invoker.Binding("1.2.0", null, null)))
                .isInstanceOfSatisfying(
                        ToolOutcome.Refused.class, r -> assertThat(r.code()).isEqualTo("approval_void"));
        // The policy changed since (any field): void.
        WorkspacePolicy before = h.policy.workspacePolicy(WS);
        h.policy.policy(
                WS,
                new WorkspacePolicy(
                        false,
                        false,
                        20,
                        before.autoApprove(),
                        List.of("api.example.com"),
                        List.of(),
                        List.of(),
                        before.taintedCalls()));
        assertThat(h.invoker.runApproved(asked, pending.approvalId(), binding))
                .isInstanceOfSatisfying(ToolOutcome.Refused.class, r -> {
                    assertThat(r.code()).isEqualTo("approval_void");
                    assertThat(r.detail()).contains("policy");
                });
        assertThat(write.calls).isEmpty();
        assertThat(h.audit.take()).hasSize(3).allSatisfy(e -> {
            assertThat(e.action()).isEqualTo("tool.invoke");
            assertThat(e.reasonCode()).isEqualTo("approval_void");
            assertThat(e.resultStatus()).isEqualTo(409);
        });

        // Back on the policy it was asked under, with its own arguments: it runs, once.
        h.policy.policy(WS, before);
        assertThat(h.invoker.runApproved(asked, pending.approvalId(), binding))
                .isInstanceOf(ToolOutcome.Completed.class);
        assertThat(write.calls).containsExactly(Map.of("query", PLANTED));
        assertThat(h.audit.take()).singleElement().satisfies(e -> {
            assertThat(e.reasonCode()).isEqualTo("approved");
            assertThat(e.reasonText()).contains("taint: untrusted").doesNotContain(PLANTED);
        });
    }
}
