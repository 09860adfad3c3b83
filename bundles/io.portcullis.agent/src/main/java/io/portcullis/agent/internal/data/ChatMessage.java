package io.portcullis.agent.internal.data;

import io.portcullis.spi.ModelProvider;
import io.portcullis.spi.ModelProvider.Trust;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A message of a conversation, as stored: content redacted.
 *
 * @param seq its position in the conversation, from 1
 * @param runId the run that wrote it (assistant and tool messages), or the run it started (user), or null
 * @param toolCallId for a tool message, the call it answers
 * @param toolCalls for an assistant message, the calls it asked for (arguments redacted)
 * @param provenance where untrusted content came from ({@code customer}, {@code tool:<name>@<version>}), or null
 * @param authorKind {@code member}, {@code api_key}, {@code customer}, {@code agent}, {@code tool}
 * @param authorId who: a member or key id, the agent id, the tool name
 */
public record ChatMessage(
        String id,
        String workspaceId,
        String conversationId,
        long seq,
        Role role,
        String content,
        Trust trust,
        Visibility visibility,
        @Nullable String runId,
        @Nullable String toolCallId,
        List<ModelProvider.ToolCall> toolCalls,
        @Nullable String provenance,
        String authorKind,
        String authorId,
        Instant createdAt) {

    public ChatMessage {
        toolCalls = List.copyOf(toolCalls);
    }
}
