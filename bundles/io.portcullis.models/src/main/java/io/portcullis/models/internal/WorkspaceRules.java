package io.portcullis.models.internal;

import io.portcullis.egress.EgressRules;
import io.portcullis.policy.PluginPolicy;
import io.portcullis.policy.WorkspacePolicy;

/** A workspace's egress rules, from its policy: what a profile's base URL and every provider send obey. */
public final class WorkspaceRules {

    private WorkspaceRules() {}

    /**
     * The rules of {@code workspaceId}.
     *
     * @throws IllegalArgumentException when the stored lists are not valid (the policy checks them when
     *     saved, so this is a safety net): the caller refuses rather than widens anything
     */
    public static EgressRules of(PluginPolicy policy, String workspaceId) {
        WorkspacePolicy workspace = policy.workspacePolicy(workspaceId);
        return new EgressRules(workspace.allowHosts(), workspace.denyHosts(), workspace.privateCidrs());
    }
}
