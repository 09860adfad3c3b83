package io.portcullis.models.internal.profiles;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A workspace's model profile: what a caller names a model by.
 *
 * @param name lower-case slug, unique in the workspace
 * @param pluginId the provider plugin's symbolic name
 * @param model the provider's model id
 * @param credentialId the workspace credential that authenticates the calls, or null
 * @param baseUrl a compatible server's URL (checked against the egress rules when saved), or null
 * @param maxTokens the default most output tokens of a call, 1..200,000
 */
public record Profile(
        String id,
        String workspaceId,
        String name,
        String pluginId,
        String model,
        @Nullable String credentialId,
        @Nullable URI baseUrl,
        int maxTokens,
        Instant createdAt,
        Instant updatedAt) {

    public static final int MAX_TOKENS = 200_000;

    public Profile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(model, "model");
    }
}
