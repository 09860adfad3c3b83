package io.portcullis.models.internal.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.models.ModelResult;
import io.portcullis.spi.ModelProvider.ToolCall;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The JSON the completions API answers: the whole result, and the streamed events' payloads. */
final class CompletionJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CompletionJson() {}

    record MessageView(String role, String content) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ToolCallView(
            String id,
            String name,
            @Nullable Map<String, @Nullable Object> arguments,
            @JsonProperty("arguments_error") @Nullable String argumentsError) {

        static ToolCallView of(ToolCall call) {
            return call.argumentsError() == null
                    ? new ToolCallView(call.id(), call.tool(), call.arguments(), null)
                    : new ToolCallView(call.id(), call.tool(), null, call.argumentsError());
        }
    }

    record UsageView(
            @JsonProperty("input_tokens") long inputTokens,
            @JsonProperty("output_tokens") long outputTokens,
            String source) {}

    /** The answer of {@code POST /completions}, and the {@code done} event's data. */
    record ResultView(
            MessageView message,
            @JsonProperty("tool_calls") List<ToolCallView> toolCalls,
            @JsonProperty("finish_reason") String finishReason,
            UsageView usage,
            @JsonProperty("cost_micros") long costMicros,
            @JsonProperty("usage_id") String usageId) {

        static ResultView of(ModelResult result) {
            return new ResultView(
                    new MessageView(
                            result.completion().message().role(),
                            result.completion().message().content()),
                    result.completion().toolCalls().stream()
                            .map(ToolCallView::of)
                            .toList(),
                    result.completion().finishReason(),
                    new UsageView(result.usage().inputTokens(), result.usage().outputTokens(), result.usageSource()),
                    result.costMicros(),
                    result.usageId());
        }
    }

    /** Compact JSON: one line, so one SSE {@code data:} line. */
    static byte[] bytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a completion could not be written as JSON", e);
        }
    }

    static String text(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a completion could not be written as JSON", e);
        }
    }
}
