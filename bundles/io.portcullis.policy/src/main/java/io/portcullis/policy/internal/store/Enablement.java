package io.portcullis.policy.internal.store;

import java.time.Instant;

/** A workspace enabled a plugin. */
public record Enablement(String workspaceId, String pluginId, String enabledBy, Instant enabledAt) {}
