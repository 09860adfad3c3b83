package io.portcullis.models.testing;

import io.portcullis.policy.Decision;
import io.portcullis.policy.PluginPolicy;
import io.portcullis.policy.WorkspacePolicy;
import io.portcullis.spi.Risk;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;

/** A policy that allows every plugin in every workspace unless told otherwise. */
public final class FakePolicy implements PluginPolicy {

    public final Map<String, Decision> decisions = new ConcurrentHashMap<>();
    public final Map<String, WorkspacePolicy> policies = new ConcurrentHashMap<>();

    public FakePolicy decide(String pluginId, String workspaceId, Decision decision) {
        decisions.put(pluginId + "@" + workspaceId, decision);
        return this;
    }

    /** Makes {@code workspaceId} allow only {@code hosts}. */
    public FakePolicy allowHosts(String workspaceId, List<String> hosts) {
        policies.put(workspaceId, new WorkspacePolicy(false, false, 20, List.of(), hosts, List.of(), List.of()));
        return this;
    }

    @Override
    public Decision decide(String pluginId, String workspaceId, Risk risk) {
        return decisions.getOrDefault(pluginId + "@" + workspaceId, Decision.ALLOW);
    }

    @Override
    public boolean holds(String pluginId, String scope) {
        return true;
    }

    @Override
    public boolean declares(String pluginId, String scope) {
        return true;
    }

    @Override
    public WorkspacePolicy workspacePolicy(String workspaceId) {
        return policies.getOrDefault(workspaceId, WorkspacePolicy.DEFAULT);
    }

    @Override
    public Optional<String> activePlugin(Bundle bundle) {
        return Optional.empty();
    }
}
