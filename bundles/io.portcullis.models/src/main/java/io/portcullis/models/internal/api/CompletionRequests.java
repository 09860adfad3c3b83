package io.portcullis.models.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.models.ModelCall;
import io.portcullis.models.internal.api.CompletionBody.MessageBody;
import io.portcullis.models.internal.api.CompletionBody.ToolBody;
import io.portcullis.models.internal.api.CompletionBody.ToolCallBody;
import io.portcullis.models.internal.profiles.Profile;
import io.portcullis.spi.ModelProvider.Message;
import io.portcullis.spi.ModelProvider.ToolCall;
import io.portcullis.spi.ModelProvider.Trust;
import io.portcullis.spi.Risk;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A completions body checked strictly into a {@link ModelCall}: a 400 naming what is wrong, never
 * echoing the content. Bounds: {@value #MAX_MESSAGES} messages, {@value #MAX_CONTENT_BYTES} bytes of
 * content in all, {@value #MAX_TOOLS} tools, {@value #MAX_TOOL_CALLS} tool calls per message.
 */
final class CompletionRequests {

    static final int MAX_MESSAGES = 256;
    static final int MAX_CONTENT_BYTES = 1024 * 1024;
    static final int MAX_TOOLS = 64;
    static final int MAX_TOOL_CALLS = 64;
    static final int MAX_DESCRIPTION = 4096;
    static final int MAX_ID = 256;
    static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");

    private static final ObjectMapper JSON = new ObjectMapper();

    private CompletionRequests() {}

    static ModelCall call(
            CompletionBody body, String workspaceId, String actor, @Nullable String runId, String requestId) {
        String model = body.model();
        if (model == null || model.isEmpty() || model.length() > 64) {
            throw ProblemException.badRequest("'model' must name one of the workspace's model profiles.");
        }
        List<MessageBody> messages = body.messages();
        if (messages == null || messages.isEmpty() || messages.size() > MAX_MESSAGES) {
            throw ProblemException.badRequest("'messages' must hold 1.." + MAX_MESSAGES + " messages.");
        }
        List<Message> converted = new ArrayList<>(messages.size());
        long contentBytes = 0;
        for (int i = 0; i < messages.size(); i++) {
            MessageBody m = messages.get(i);
            if (m == null) {
                throw ProblemException.badRequest("'messages[" + i + "]' must be an object.");
            }
            Message message = message(i, m);
            contentBytes += message.content().getBytes(StandardCharsets.UTF_8).length;
            if (contentBytes > MAX_CONTENT_BYTES) {
                throw ProblemException.badRequest(
                        "The messages' content must be at most " + MAX_CONTENT_BYTES + " bytes in all.");
            }
            converted.add(message);
        }
        List<ToolDescriptor> tools = tools(body.tools());
        Integer maxTokens = body.maxTokens();
        if (maxTokens != null && (maxTokens < 1 || maxTokens > Profile.MAX_TOKENS)) {
            throw ProblemException.badRequest("'max_tokens' must be 1.." + Profile.MAX_TOKENS + ".");
        }
        return new ModelCall(workspaceId, model, converted, tools, maxTokens, actor, runId, requestId);
    }

    private static Message message(int i, MessageBody m) {
        String where = "messages[" + i + "]";
        String role = m.role();
        if (role == null || !ROLES.contains(role)) {
            throw ProblemException.badRequest("'" + where + ".role' must be system, user, assistant or tool.");
        }
        String toolCallId = m.toolCallId();
        if (role.equals("tool") != (toolCallId != null)) {
            throw ProblemException.badRequest(
                    "'" + where + ".tool_call_id' is required for role tool and only for it.");
        }
        if (toolCallId != null && (toolCallId.isEmpty() || toolCallId.length() > MAX_ID)) {
            throw ProblemException.badRequest("'" + where + ".tool_call_id' must be 1.." + MAX_ID + " characters.");
        }
        List<ToolCallBody> calls = m.toolCalls() == null ? List.of() : m.toolCalls();
        if (!calls.isEmpty() && !role.equals("assistant")) {
            throw ProblemException.badRequest("'" + where + ".tool_calls' is only for role assistant.");
        }
        if (calls.size() > MAX_TOOL_CALLS) {
            throw ProblemException.badRequest("'" + where + ".tool_calls' must hold at most " + MAX_TOOL_CALLS + ".");
        }
        List<ToolCall> toolCalls = new ArrayList<>(calls.size());
        for (int j = 0; j < calls.size(); j++) {
            toolCalls.add(toolCall(where + ".tool_calls[" + j + "]", calls.get(j)));
        }
        String content = m.content() == null ? "" : m.content();
        if (content.isEmpty() && toolCalls.isEmpty()) {
            throw ProblemException.badRequest("'" + where + ".content' is required.");
        }
        // A tool's result comes from outside the workspace's operators: data, never instructions.
        Trust trust = role.equals("tool") ? Trust.UNTRUSTED : Trust.TRUSTED;
        return new Message(role, content, toolCallId, toolCalls, trust);
    }

    private static ToolCall toolCall(String where, @Nullable ToolCallBody call) {
        if (call == null
                || call.id() == null
                || call.id().isEmpty()
                || call.id().length() > MAX_ID
                || call.name() == null
                || call.name().isEmpty()
                || call.name().length() > 64) {
            throw ProblemException.badRequest("'" + where + "' needs an id and a name of 1..64 characters.");
        }
        JsonNode arguments = call.arguments();
        if (arguments != null && !arguments.isObject()) {
            throw ProblemException.badRequest("'" + where + ".arguments' must be a JSON object.");
        }
        @SuppressWarnings("unchecked")
        Map<String, @Nullable Object> map = arguments == null ? Map.of() : JSON.convertValue(arguments, Map.class);
        return new ToolCall(call.id(), call.name(), map);
    }

    private static List<ToolDescriptor> tools(@Nullable List<ToolBody> tools) {
        if (tools == null) {
            return List.of();
        }
        if (tools.size() > MAX_TOOLS) {
            throw ProblemException.badRequest("'tools' must hold at most " + MAX_TOOLS + " tools.");
        }
        List<ToolDescriptor> descriptors = new ArrayList<>(tools.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tools.size(); i++) {
            ToolBody tool = tools.get(i);
            String where = "tools[" + i + "]";
            if (tool == null || tool.name() == null) {
                throw ProblemException.badRequest("'" + where + ".name' is required.");
            }
            String description = tool.description() == null ? "" : tool.description();
            if (description.length() > MAX_DESCRIPTION) {
                throw ProblemException.badRequest(
                        "'" + where + ".description' must be at most " + MAX_DESCRIPTION + " characters.");
            }
            if (tool.inputSchema() == null || !tool.inputSchema().isObject()) {
                throw ProblemException.badRequest("'" + where + ".input_schema' must be a JSON Schema object.");
            }
            if (!names.add(tool.name())) {
                throw ProblemException.badRequest("'" + where + ".name' repeats an earlier tool's name.");
            }
            try {
                descriptors.add(new ToolDescriptor(
                        tool.name(), "0.0.0", description, tool.inputSchema().toString(), Risk.READ));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest(
                        "'" + where + ".name' must be lower-case dot-separated words of at most 64 characters.");
            }
        }
        return descriptors;
    }
}
