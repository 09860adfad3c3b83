package io.portcullis.vault.internal.credentials;

import org.jspecify.annotations.Nullable;

/**
 * One use of a credential by a plugin, as its {@code credential.use} record names it.
 *
 * @param requestId the API request the use belongs to (a tool call's), or null outside a request
 */
record Use(
        String workspaceId,
        String pluginId,
        String credentialId,
        @Nullable String requestId) {}
