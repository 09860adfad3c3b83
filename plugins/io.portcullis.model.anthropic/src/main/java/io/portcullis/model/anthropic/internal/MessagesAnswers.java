package io.portcullis.model.anthropic.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.spi.ModelProvider.Completion;
import io.portcullis.spi.ModelProvider.Message;
import io.portcullis.spi.ModelProvider.ModelException;
import io.portcullis.spi.ModelProvider.ToolCall;
import io.portcullis.spi.ModelProvider.Trust;
import io.portcullis.spi.ModelProvider.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a non-streamed {@code message}: its text blocks joined, its {@code tool_use} blocks as tool
 * calls (an {@code input} that is not an object becomes the call's {@code argumentsError}), the stop
 * reason in the SPI's words and the usage (cache reads and writes count as input).
 */
final class MessagesAnswers {

    private static final TypeReference<Map<String, @Nullable Object>> OBJECT = new TypeReference<>() {};

    private final ObjectMapper json;

    MessagesAnswers(ObjectMapper json) {
        this.json = json;
    }

    Completion completion(String body, ToolNames names) throws ModelException {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new ModelException("the provider's answer is not JSON");
        }
        if (root == null || !root.path("content").isArray()) {
            throw new ModelException("the provider's answer is not a message");
        }
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode block : root.path("content")) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText());
                case "tool_use" -> calls.add(toolCall(block, names));
                default -> {} // thinking and server-side blocks are not part of the answer
            }
        }
        String finish = finish(
                root.path("stop_reason").isTextual() ? root.path("stop_reason").asText() : null);
        Message message = new Message("assistant", text.toString(), null, calls, Trust.TRUSTED);
        return new Completion(message, calls, usage(root.path("usage"), root.path("usage")), finish);
    }

    private ToolCall toolCall(JsonNode block, ToolNames names) throws ModelException {
        if (!block.path("id").isTextual() || !block.path("name").isTextual()) {
            throw new ModelException("a tool_use block of the provider's answer has no id or name");
        }
        String id = block.path("id").asText();
        String tool = names.tool(block.path("name").asText());
        JsonNode input = block.path("input");
        if (!input.isObject()) {
            return new ToolCall(id, tool, Map.of(), "the arguments are not a JSON object");
        }
        return new ToolCall(id, tool, json.convertValue(input, OBJECT));
    }

    /** Anthropic's stop reason in the SPI's words: {@code stop}, {@code tool_calls}, {@code length}, or its own. */
    static String finish(@Nullable String stopReason) {
        if (stopReason == null) {
            return "stop";
        }
        return switch (stopReason) {
            case "end_turn", "stop_sequence" -> "stop";
            case "tool_use" -> "tool_calls";
            case "max_tokens" -> "length";
            default -> stopReason;
        };
    }

    /** Input tokens (cache writes and reads included) from {@code input}, output tokens from {@code output}; null without both. */
    static @Nullable Usage usage(JsonNode input, JsonNode output) {
        if (!input.path("input_tokens").canConvertToLong()
                || !output.path("output_tokens").canConvertToLong()) {
            return null;
        }
        long in = input.path("input_tokens").asLong()
                + input.path("cache_creation_input_tokens").asLong(0)
                + input.path("cache_read_input_tokens").asLong(0);
        return new Usage(in, output.path("output_tokens").asLong());
    }
}
