package io.portcullis.tools.testing;

import io.portcullis.policy.Decision;
import io.portcullis.policy.PluginPolicy;
import io.portcullis.policy.WorkspacePolicy;
import io.portcullis.spi.Risk;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;

/**
 * A policy that allows every plugin in every workspace unless told otherwise, and applies read-only
 * mode to write and destructive risks as the real one does.
 */
public final class FakePolicy implements PluginPolicy {

    public final Map<String, Decision> decisions = new ConcurrentHashMap<>();
    public final Map<String, WorkspacePolicy> policies = new ConcurrentHashMap<>();
    public final Set<String> held = ConcurrentHashMap.newKeySet();
    /** The plugins {@link #active(String)} says are active; {@link #activePlugin} answers for none. */
    public final Set<String> active = ConcurrentHashMap.newKeySet();

    /** Makes {@code decide(pluginId, workspaceId, ...)} answer {@code decision}. */
    public FakePolicy decide(String pluginId, String workspaceId, Decision decision) {
        decisions.put(pluginId + "@" + workspaceId, decision);
        return this;
    }

    public FakePolicy policy(String workspaceId, WorkspacePolicy policy) {
        policies.put(workspaceId, policy);
        return this;
    }

    @Override
    public boolean declares(String pluginId, String scope) {
        return held.contains(pluginId + ":" + scope);
    }

    @Override
    public Decision decide(String pluginId, String workspaceId, Risk risk) {
        Decision decision = decisions.getOrDefault(pluginId + "@" + workspaceId, Decision.ALLOW);
        if (decision == Decision.ALLOW
                && risk != Risk.READ
                && workspacePolicy(workspaceId).readOnly()) {
            return Decision.READ_ONLY;
        }
        return decision;
    }

    @Override
    public boolean holds(String pluginId, String scope) {
        return held.contains(pluginId + ":" + scope);
    }

    @Override
    public WorkspacePolicy workspacePolicy(String workspaceId) {
        return policies.getOrDefault(workspaceId, WorkspacePolicy.DEFAULT);
    }

    @Override
    public boolean active(String pluginId) {
        return active.contains(pluginId);
    }

    @Override
    public Optional<String> activePlugin(Bundle bundle) {
        return Optional.empty();
    }

    /** A workspace policy with the given switches and the defaults otherwise. */
    public static WorkspacePolicy policy(
            boolean readOnly,
            boolean fourEyes,
            int maxCalls,
            java.util.List<WorkspacePolicy.AutoApproval> autoApprove) {
        return new WorkspacePolicy(
                readOnly,
                fourEyes,
                maxCalls,
                autoApprove,
                java.util.List.of(),
                java.util.List.of(),
                java.util.List.of());
    }
}
