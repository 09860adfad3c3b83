package io.portcullis.model.openai.internal;

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
 * Reads a non-streamed {@code chat.completion}: the first choice's message, its tool calls (whose
 * {@code arguments} is a JSON text: one that is not a JSON object becomes the call's
 * {@code argumentsError}, answered to the model as a tool error), the finish reason and the usage.
 */
final class ChatAnswers {

    private static final TypeReference<Map<String, @Nullable Object>> OBJECT = new TypeReference<>() {};

    private final ObjectMapper json;

    ChatAnswers(ObjectMapper json) {
        this.json = json;
    }

    Completion completion(String body, ToolNames names) throws ModelException {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new ModelException("the provider's answer is not JSON");
        }
        JsonNode choice = root == null ? null : root.path("choices").path(0);
        if (choice == null || !choice.path("message").isObject()) {
            throw new ModelException("the provider's answer has no message");
        }
        JsonNode message = choice.path("message");
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            if (!function.path("name").isTextual()) {
                throw new ModelException("a tool call of the provider's answer has no function name");
            }
            String id = call.path("id").isTextual() ? call.path("id").asText() : "call_" + calls.size();
            calls.add(toolCall(id, names.tool(function.path("name").asText()), function.path("arguments")));
        }
        String content =
                message.path("content").isTextual() ? message.path("content").asText() : "";
        String finish = choice.path("finish_reason").isTextual()
                ? choice.path("finish_reason").asText()
                : (calls.isEmpty() ? "stop" : "tool_calls");
        Message answer = new Message("assistant", content, null, calls, Trust.TRUSTED);
        return new Completion(answer, calls, usage(root.path("usage")), finish);
    }

    /** A tool call whose arguments are {@code arguments}: a JSON text (OpenAI) or, from some servers, an object. */
    ToolCall toolCall(String id, String tool, JsonNode arguments) {
        JsonNode parsed = arguments;
        if (arguments.isTextual()) {
            String text = arguments.asText();
            if (text.isBlank()) {
                return new ToolCall(id, tool, Map.of());
            }
            try {
                parsed = json.readTree(text);
            } catch (IOException e) {
                return new ToolCall(id, tool, Map.of(), "the arguments are not valid JSON");
            }
        } else if (arguments.isMissingNode() || arguments.isNull()) {
            return new ToolCall(id, tool, Map.of());
        }
        if (parsed == null || !parsed.isObject()) {
            return new ToolCall(id, tool, Map.of(), "the arguments are not a JSON object");
        }
        return new ToolCall(id, tool, json.convertValue(parsed, OBJECT));
    }

    static @Nullable Usage usage(JsonNode usage) {
        if (!usage.path("prompt_tokens").canConvertToLong()
                || !usage.path("completion_tokens").canConvertToLong()) {
            return null;
        }
        return new Usage(
                usage.path("prompt_tokens").asLong(),
                usage.path("completion_tokens").asLong());
    }
}
