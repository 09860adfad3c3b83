package io.portcullis.agent.internal.data;

import io.portcullis.spi.ModelProvider.Trust;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A run as stored.
 *
 * @param label the sticky join of the trust of everything its model has seen
 * @param approvalId the approval it waits for, while {@code awaiting_approval}
 * @param endReason why it ended ({@code answered}, {@code handoff_keyword}, {@code model_calls}, …), or null
 */
public record Run(
        String id,
        String workspaceId,
        String conversationId,
        String agentId,
        int agentVersion,
        String triggerMessageId,
        RunState state,
        String actorKind,
        String actorId,
        Trust label,
        boolean cancelRequested,
        @Nullable String leaseOwner,
        @Nullable Instant leaseUntil,
        int modelCalls,
        int toolCalls,
        long inputTokens,
        long outputTokens,
        long costMicros,
        long activeMillis,
        @Nullable String approvalId,
        @Nullable String endReason,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant endedAt) {}
