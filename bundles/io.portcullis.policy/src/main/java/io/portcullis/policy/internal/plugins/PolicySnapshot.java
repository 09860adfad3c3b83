package io.portcullis.policy.internal.plugins;

import io.portcullis.policy.Decision;
import io.portcullis.policy.WorkspacePolicy;
import io.portcullis.spi.Risk;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything a per-call decision needs, frozen: built after every change, read without locks. Lookups
 * are hash probes on strings whose hash codes are cached, so a decision allocates nothing.
 */
public final class PolicySnapshot {

    /** An active plugin: its bundle, its granted scopes and the workspaces that enabled it. */
    public record ActivePlugin(String id, long bundleId, Set<String> scopes, Set<String> enabledIn) {}

    public static final PolicySnapshot EMPTY = new PolicySnapshot(List.of(), Map.of());

    private final Map<String, ActivePlugin> byId = new HashMap<>();
    private final Map<Long, String> idByBundle = new HashMap<>();
    private final Map<String, WorkspacePolicy> policies;

    /** {@code policies}: the workspaces that set a policy; the others have {@link WorkspacePolicy#DEFAULT}. */
    public PolicySnapshot(List<ActivePlugin> active, Map<String, WorkspacePolicy> policies) {
        for (ActivePlugin plugin : active) {
            byId.put(
                    plugin.id(),
                    new ActivePlugin(
                            plugin.id(),
                            plugin.bundleId(),
                            Set.copyOf(plugin.scopes()),
                            new HashSet<>(plugin.enabledIn())));
            idByBundle.put(plugin.bundleId(), plugin.id());
        }
        this.policies = new HashMap<>(policies);
    }

    public Decision decide(String pluginId, String workspaceId, Risk risk) {
        @Nullable ActivePlugin plugin = byId.get(pluginId);
        if (plugin == null) {
            return Decision.PLUGIN_NOT_ACTIVE;
        }
        if (!plugin.enabledIn().contains(workspaceId)) {
            return Decision.NOT_ENABLED;
        }
        if (risk != Risk.READ && policy(workspaceId).readOnly()) {
            return Decision.READ_ONLY;
        }
        return Decision.ALLOW;
    }

    public boolean holds(String pluginId, String scope) {
        @Nullable ActivePlugin plugin = byId.get(pluginId);
        return plugin != null && plugin.scopes().contains(scope);
    }

    public @Nullable String pluginOf(long bundleId) {
        return idByBundle.get(bundleId);
    }

    public boolean isActive(String pluginId) {
        return byId.containsKey(pluginId);
    }

    public WorkspacePolicy policy(String workspaceId) {
        return policies.getOrDefault(workspaceId, WorkspacePolicy.DEFAULT);
    }
}
