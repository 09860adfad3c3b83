package io.portcullis.models.internal.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a client sends to {@code POST /completions}; checked strictly by {@link CompletionRequests}.
 *
 * @param model the name of one of the workspace's model profiles
 */
record CompletionBody(
        @Nullable String model,
        @Nullable List<MessageBody> messages,
        @Nullable List<ToolBody> tools,
        @JsonProperty("max_tokens") @Nullable Integer maxTokens) {

    record MessageBody(
            @Nullable String role,
            @Nullable String content,
            @JsonProperty("tool_call_id") @Nullable String toolCallId,
            @JsonProperty("tool_calls") @Nullable List<ToolCallBody> toolCalls) {}

    record ToolCallBody(
            @Nullable String id,
            @Nullable String name,
            @Nullable JsonNode arguments) {}

    record ToolBody(
            @Nullable String name,
            @Nullable String description,
            @JsonProperty("input_schema") @Nullable JsonNode inputSchema) {}
}
