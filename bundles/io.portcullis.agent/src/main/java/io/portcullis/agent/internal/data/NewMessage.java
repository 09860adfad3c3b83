package io.portcullis.agent.internal.data;

import io.portcullis.spi.ModelProvider;
import io.portcullis.spi.ModelProvider.Trust;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A message to append; the store gives it its id, sequence number and time. Content already redacted. */
public record NewMessage(
        String conversationId,
        Role role,
        String content,
        Trust trust,
        Visibility visibility,
        @Nullable String runId,
        @Nullable String toolCallId,
        List<ModelProvider.ToolCall> toolCalls,
        @Nullable String provenance,
        String authorKind,
        String authorId) {

    public NewMessage {
        toolCalls = List.copyOf(toolCalls);
    }
}
