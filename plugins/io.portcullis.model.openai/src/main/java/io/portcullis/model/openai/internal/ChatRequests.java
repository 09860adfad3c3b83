package io.portcullis.model.openai.internal;

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
import java.util.Set;

/**
 * The body of {@code POST /chat/completions}: {@code model}, {@code messages} (system, user, assistant
 * with {@code tool_calls}, tool with {@code tool_call_id}), {@code tools} as functions whose
 * {@code parameters} is the tool's input schema, {@code max_tokens}, and for a stream {@code stream:
 * true} with {@code stream_options.include_usage} (without it, no usage is reported).
 */
final class ChatRequests {

    static final URI DEFAULT_BASE = URI.create("https://api.openai.com/v1");
    private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");

    private final ObjectMapper json;

    ChatRequests(ObjectMapper json) {
        this.json = json;
    }

    /** {@code <base>/chat/completions}, the base being the request's or OpenAI's. */
    static URI endpoint(CompletionRequest request) {
        String base = (request.baseUrl() == null ? DEFAULT_BASE : request.baseUrl()).toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/chat/completions");
    }

    byte[] body(CompletionRequest request, ToolNames names, boolean stream) throws ModelException {
        ObjectNode body = json.createObjectNode();
        body.put("model", request.model());
        ArrayNode messages = body.putArray("messages");
        for (Message message : request.messages()) {
            messages.add(message(message, names));
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolDescriptor tool : request.tools()) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function");
                function.put("name", names.wire(tool.name()));
                function.put("description", tool.description());
                function.set("parameters", schema(tool));
            }
        }
        if (request.maxTokens() > 0) {
            body.put("max_tokens", request.maxTokens());
        }
        body.put("stream", stream);
        if (stream) {
            body.putObject("stream_options").put("include_usage", true);
        }
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new ModelException("the request could not be written as JSON");
        }
    }

    private ObjectNode message(Message message, ToolNames names) throws ModelException {
        if (!ROLES.contains(message.role())) {
            throw new ModelException("unknown message role '" + clip(message.role()) + "'");
        }
        ObjectNode node = json.createObjectNode().put("role", message.role());
        if (message.role().equals("assistant") && !message.toolCalls().isEmpty()) {
            if (message.content().isEmpty()) {
                node.putNull("content");
            } else {
                node.put("content", message.content());
            }
            ArrayNode calls = node.putArray("tool_calls");
            for (ToolCall call : message.toolCalls()) {
                ObjectNode function = calls.addObject()
                        .put("id", call.id())
                        .put("type", "function")
                        .putObject("function");
                function.put("name", names.wire(call.tool()));
                function.put("arguments", arguments(call));
            }
            return node;
        }
        node.put("content", message.content());
        if (message.role().equals("tool")) {
            if (message.toolCallId() == null) {
                throw new ModelException("a tool message needs the id of the call it answers");
            }
            node.put("tool_call_id", message.toolCallId());
        }
        return node;
    }

    private String arguments(ToolCall call) throws ModelException {
        try {
            return json.writeValueAsString(call.arguments());
        } catch (JsonProcessingException e) {
            throw new ModelException("the arguments of tool call '" + clip(call.id()) + "' could not be written");
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

    static String clip(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
