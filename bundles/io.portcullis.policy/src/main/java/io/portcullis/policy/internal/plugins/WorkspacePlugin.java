package io.portcullis.policy.internal.plugins;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An active plugin as one workspace sees it.
 *
 * @param enabledBy the audit actor id who enabled it, or {@code null} when it is not enabled
 */
public record WorkspacePlugin(
        PluginRecord plugin,
        boolean enabled,
        @Nullable String enabledBy,
        @Nullable Instant enabledAt) {}
