package io.portcullis.models.internal.metering;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a model call may cost at most, asked for before the provider is called.
 *
 * @param promptBytes the UTF-8 bytes of everything sent as input (messages, tools): a byte-level BPE
 *     token is at least one byte, so this bounds the input tokens from above
 * @param maxTokens the most output tokens the call asks for
 * @param deadline when the call gives up; the reservation expires two minutes later
 */
public record ReserveRequest(
        String workspaceId,
        String profile,
        String pluginId,
        String model,
        long promptBytes,
        int maxTokens,
        Instant deadline,
        @Nullable String runId) {

    public ReserveRequest {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(deadline, "deadline");
        if (promptBytes < 0 || maxTokens < 0) {
            throw new IllegalArgumentException("promptBytes and maxTokens must not be negative");
        }
    }
}
