package io.portcullis.agent.internal.data;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An item of a workspace's review queue.
 *
 * @param kind {@code escalation} (a run handed off)
 * @param reason machine-readable: {@code handoff_keyword}, {@code model_handoff}, {@code limit_reached},
 *     {@code budget_exhausted}, {@code failed}
 * @param detail a text for the reviewer (redacted)
 * @param status {@code open → in_progress → resolved}
 */
public record ReviewItem(
        String id,
        String workspaceId,
        String kind,
        @Nullable String conversationId,
        @Nullable String runId,
        String reason,
        String detail,
        String status,
        @Nullable String assignee,
        Instant createdAt,
        Instant updatedAt) {

    /** One change of status or assignee. */
    public record Change(int seq, String status, @Nullable String assignee, String actorId, Instant at) {}
}
