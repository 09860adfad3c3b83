package io.portcullis.policy;

import io.portcullis.spi.Risk;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import org.osgi.framework.Bundle;

/**
 * Per-call decisions about plugins, answered from an in-memory snapshot that every grant, revoke,
 * enablement and policy change replaces: no database access and no allocation on the hot path.
 * A core-internal service: plugins never see it. Thread-safe and non-blocking.
 */
@ProviderType
public interface PluginPolicy {

    /**
     * Whether plugin {@code pluginId} (its symbolic name) may run a call of {@code risk} for
     * {@code workspaceId}: the plugin is active, its grant covers every scope it declares, the
     * workspace enabled it, and the workspace's read-only mode allows the risk. Checks stop at the
     * first refusal, in that order.
     */
    Decision decide(String pluginId, String workspaceId, Risk risk);

    /** True if active plugin {@code pluginId} holds a grant of {@code scope}. */
    boolean holds(String pluginId, String scope);

    /**
     * True if {@code pluginId} is an installed plugin (granted or not, but not rejected) whose manifest
     * declares {@code scope}: what a workspace may bind a credential to before the grant. Never true for
     * a core bundle or a plugin that is not installed.
     */
    boolean declares(String pluginId, String scope);

    /** The workspace's policy, {@link WorkspacePolicy#DEFAULT} for a workspace that set none. */
    WorkspacePolicy workspacePolicy(String workspaceId);

    /**
     * True if {@code pluginId} is an active plugin now: granted, its grant covering its current jar, and
     * started (in its host, or in the core under {@code in-process} isolation). What a plugin host's proxy
     * services are counted by. The default answers from {@link #decide}, whose first check it is;
     * the policy answers from its snapshot directly.
     *
     * @since 1.3
     */
    default boolean active(String pluginId) {
        return decide(pluginId, "", Risk.READ) != Decision.PLUGIN_NOT_ACTIVE;
    }

    /** The plugin id of {@code bundle} if it is an active plugin; empty for core and inactive bundles. */
    Optional<String> activePlugin(Bundle bundle);
}
