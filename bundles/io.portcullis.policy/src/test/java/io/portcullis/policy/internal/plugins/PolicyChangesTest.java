package io.portcullis.policy.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.policy.WorkspacePolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit's account of a policy change: only what really changed, from its old to its new value. */
class PolicyChangesTest {

    @Test
    void namesEachChangedFieldOnly() {
        WorkspacePolicy before = new WorkspacePolicy(
                false,
                true,
                7,
                List.of(new WorkspacePolicy.AutoApproval("http.fetch", Map.of("method", "GET"))),
                List.of("api.example.com"),
                List.of(),
                List.of("10.1.0.0/16"));
        WorkspacePolicy after = new WorkspacePolicy(
                true,
                true,
                7,
                List.of(),
                List.of("api.example.com"),
                List.of("evil.example.com"),
                List.of("10.1.0.0/16"));

        assertThat(PolicyChanges.describe(before, after))
                .isEqualTo("changed read_only false -> true; auto_approve "
                        + "1 rule(s) [http.fetch] -> 0 rule(s) []; egress.deny_hosts [] -> [evil.example.com]");
        assertThat(PolicyChanges.describe(after, after)).isEqualTo("no change");
        assertThat(PolicyChanges.describe(
                        after,
                        after.withTaintedCalls(new WorkspacePolicy.TaintedCalls(
                                WorkspacePolicy.TaintMode.ALLOW,
                                WorkspacePolicy.TaintMode.DENY,
                                WorkspacePolicy.TaintMode.APPROVE))))
                .isEqualTo("changed tainted_calls.write approve -> deny");
    }

    @Test
    void ruleArgumentsStayOutOfTheReadableText() {
        WorkspacePolicy with = new WorkspacePolicy(
                false,
                false,
                20,
                List.of(new WorkspacePolicy.AutoApproval("http.fetch", Map.of("token", "s3cr3t-value"))),
                List.of(),
                List.of(),
                List.of());

        assertThat(PolicyChanges.describe(WorkspacePolicy.DEFAULT, with))
                .doesNotContain("s3cr3t-value")
                .contains("[http.fetch]");
    }
}
