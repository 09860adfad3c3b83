package io.portcullis.agent.internal.data;

import java.time.Instant;

/**
 * A conversation with one agent.
 *
 * @param channel where it comes from: {@code api} for the REST API (later: {@code webchat}, {@code slack}…)
 * @param status {@code open} or {@code closed}
 */
public record Conversation(
        String id,
        String workspaceId,
        String agentId,
        String channel,
        String status,
        Instant createdAt,
        Instant updatedAt) {

    public static final String API = "api";
}
