package io.portcullis.models.internal.metering;

import java.time.Instant;

/**
 * A call's worst-case cost, held in its workspace's budget until it is settled or released (or swept
 * at {@code expiresAt}).
 */
public record Reservation(
        String id,
        String workspaceId,
        String pluginId,
        String model,
        long priceVersion,
        long reservedMicros,
        long reservedInputTokens,
        long reservedOutputTokens,
        Instant expiresAt) {}
