package io.portcullis.model.anthropic.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.spi.ModelProvider.CompletionRequest;
import io.portcullis.spi.ModelProvider.Message;
import io.portcullis.spi.ModelProvider.ModelException;
import io.portcullis.spi.ModelProvider.ToolCall;
import io.portcullis.spi.ToolDescriptor;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v1/messages}: {@code model}, {@code max_tokens} (required by the API), the
 * system messages joined into the top-level {@code system}, {@code messages} as turns of content blocks
 * (an assistant's tool calls as {@code tool_use} blocks, role {@code tool} messages as
 * {@code tool_result} blocks of a user turn; consecutive messages of one role share a turn),
 * {@code tools} as {@code {name, description, input_schema}}, and {@code stream}.
 */
final class MessagesRequests {

    static final URI DEFAULT_BASE = URI.create("https://api.anthropic.com");
    static final String VERSION = "2023-06-01";

    private final ObjectMapper json;

    MessagesRequests(ObjectMapper json) {
        this.json = json;
    }

    /** {@code <base>/v1/messages}, the base being the request's or Anthropic's. */
    static URI endpoint(CompletionRequest request) {
        String base = (request.baseUrl() == null ? DEFAULT_BASE : request.baseUrl()).toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/v1/messages");
    }

    byte[] body(CompletionRequest request, ToolNames names, boolean stream) throws ModelException {
        if (request.maxTokens() <= 0) {
            throw new ModelException("max_tokens must be positive: the Messages API requires it");
        }
        ObjectNode body = json.createObjectNode();
        body.put("model", request.model());
        body.put("max_tokens", request.maxTokens());
        List<String> system = new ArrayList<>();
        ArrayNode messages = json.createArrayNode();
        for (Message message : request.messages()) {
            if (message.role().equals("system")) {
                system.add(message.content());
            } else {
                add(messages, message, names);
            }
        }
        if (!system.isEmpty()) {
            body.put("system", String.join("\n\n", system));
        }
        body.set("messages", messages);
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolDescriptor tool : request.tools()) {
                ObjectNode node = tools.addObject();
                node.put("name", names.wire(tool.name()));
                node.put("description", tool.description());
                node.set("input_schema", schema(tool));
            }
        }
        body.put("stream", stream);
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new ModelException("the request could not be written as JSON");
        }
    }

    private void add(ArrayNode turns, Message message, ToolNames names) throws ModelException {
        String role = switch (message.role()) {
            case "user", "tool" -> "user";
            case "assistant" -> "assistant";
            default -> throw new ModelException("unknown message role '" + clip(message.role()) + "'");
        };
        ArrayNode blocks = json.createArrayNode();
        if (message.role().equals("tool")) {
            String id = message.toolCallId();
            if (id == null) {
                throw new ModelException("a tool message needs the id of the call it answers");
            }
            blocks.addObject().put("type", "tool_result").put("tool_use_id", id).put("content", message.content());
        } else if (!message.content().isEmpty()) {
            blocks.addObject().put("type", "text").put("text", message.content());
        }
        if (message.role().equals("assistant")) {
            for (ToolCall call : message.toolCalls()) {
                ObjectNode use = blocks.addObject()
                        .put("type", "tool_use")
                        .put("id", call.id())
                        .put("name", names.wire(call.tool()));
                use.set("input", json.valueToTree(call.arguments()));
            }
        }
        if (blocks.isEmpty()) {
            return; // the API refuses empty text blocks and empty turns
        }
        JsonNode last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        if (last != null && last.path("role").asText().equals(role)) {
            ((ArrayNode) last.path("content")).addAll(blocks);
        } else {
            turns.addObject().put("role", role).set("content", blocks);
        }
    }

    private JsonNode schema(ToolDescriptor tool) throws ModelException {
        try {
            JsonNode schema = json.readTree(tool.inputSchema());
            if (!schema.isObject()) {
                throw new ModelException("the input schema of tool '" + tool.name() + "' is not a JSON object");
            }
            return schema;
        } catch (JsonProcessingException e) {
            throw new ModelException("the input schema of tool '" + tool.name() + "' is not JSON");
        }
    }

    static String clip(@Nullable String text) {
        String value = String.valueOf(text);
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }
}
