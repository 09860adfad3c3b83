package io.portcullis.policy.internal.plugins;

import io.portcullis.policy.WorkspacePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What an auditor reads of a policy change: the fields that really changed, each from its old to its new value. */
final class PolicyChanges {

    private PolicyChanges() {}

    /** Such as {@code "changed read_only false -> true; egress.allow_hosts [] -> [api.example.com]"}. */
    static String describe(WorkspacePolicy before, WorkspacePolicy after) {
        List<String> changes = new ArrayList<>();
        add(changes, "read_only", before.readOnly(), after.readOnly());
        add(changes, "four_eyes", before.fourEyes(), after.fourEyes());
        add(changes, "max_tool_calls_per_run", before.maxToolCallsPerRun(), after.maxToolCallsPerRun());
        if (!before.autoApprove().equals(after.autoApprove())) {
            changes.add("auto_approve " + rules(before) + " -> " + rules(after));
        }
        add(changes, "egress.allow_hosts", before.allowHosts(), after.allowHosts());
        add(changes, "egress.deny_hosts", before.denyHosts(), after.denyHosts());
        add(changes, "egress.private_cidrs", before.privateCidrs(), after.privateCidrs());
        add(
                changes,
                "tainted_calls.read",
                before.taintedCalls().read().id(),
                after.taintedCalls().read().id());
        add(
                changes,
                "tainted_calls.write",
                before.taintedCalls().write().id(),
                after.taintedCalls().write().id());
        add(
                changes,
                "tainted_calls.destructive",
                before.taintedCalls().destructive().id(),
                after.taintedCalls().destructive().id());
        return changes.isEmpty() ? "no change" : "changed " + String.join("; ", changes);
    }

    private static void add(List<String> changes, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.add(field + " " + before + " -> " + after);
        }
    }

    /** Rules by tool name only: argument values may be anything a caller sends, so they stay in the HMAC. */
    private static String rules(WorkspacePolicy policy) {
        return policy.autoApprove().size() + " rule(s) "
                + policy.autoApprove().stream()
                        .map(WorkspacePolicy.AutoApproval::tool)
                        .toList();
    }
}
