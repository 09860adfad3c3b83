package io.portcullis.agent.internal.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.spi.ModelProvider;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON columns: an agent version's configuration and an assistant message's tool calls. Field
 * names are snake_case and written here, so renaming a record component never changes what is stored.
 */
final class StoreJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, @Nullable Object>> ARGUMENTS = new TypeReference<>() {};

    private StoreJson() {}

    static String config(AgentConfig config) {
        ObjectNode node = JSON.createObjectNode();
        node.put("instructions", config.instructions());
        node.put("model_profile", config.modelProfile());
        ArrayNode tools = node.putArray("tools");
        config.tools().forEach(tools::add);
        Limits limits = config.limits();
        node.putObject("limits")
                .put("model_calls", limits.modelCalls())
                .put("tool_calls_per_turn", limits.toolCallsPerTurn())
                .put("wall_clock_seconds", limits.wallClockSeconds())
                .put("max_tokens", limits.maxTokens());
        ObjectNode handoff = node.putObject("handoff");
        ArrayNode keywords = handoff.putArray("keywords");
        config.handoff().keywords().forEach(keywords::add);
        handoff.put("message", config.handoff().message());
        return node.toString();
    }

    static AgentConfig config(String json) throws SQLException {
        JsonNode node = read(json);
        JsonNode limits = node.path("limits");
        JsonNode handoff = node.path("handoff");
        return new AgentConfig(
                node.path("instructions").asText(),
                node.path("model_profile").asText(),
                texts(node.path("tools")),
                new Limits(
                        limits.path("model_calls").asInt(),
                        limits.path("tool_calls_per_turn").asInt(),
                        limits.path("wall_clock_seconds").asInt(),
                        limits.path("max_tokens").asInt()),
                new HandoffRules(
                        texts(handoff.path("keywords")), handoff.path("message").asText()));
    }

    /** The calls as a JSON array, or null for none (the column stays NULL). */
    static @Nullable String toolCalls(List<ModelProvider.ToolCall> calls) {
        if (calls.isEmpty()) {
            return null;
        }
        ArrayNode array = JSON.createArrayNode();
        for (ModelProvider.ToolCall call : calls) {
            ObjectNode node = array.addObject();
            node.put("id", call.id());
            node.put("tool", call.tool());
            node.set("arguments", JSON.valueToTree(call.arguments()));
            if (call.argumentsError() != null) {
                node.put("arguments_error", call.argumentsError());
            }
        }
        return array.toString();
    }

    static List<ModelProvider.ToolCall> toolCalls(@Nullable String json) throws SQLException {
        if (json == null) {
            return List.of();
        }
        List<ModelProvider.ToolCall> calls = new ArrayList<>();
        for (JsonNode node : read(json)) {
            JsonNode error = node.get("arguments_error");
            calls.add(new ModelProvider.ToolCall(
                    node.path("id").asText(),
                    node.path("tool").asText(),
                    JSON.convertValue(node.path("arguments"), ARGUMENTS),
                    error == null || error.isNull() ? null : error.asText()));
        }
        return calls;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static JsonNode read(String json) throws SQLException {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SQLException("a stored JSON column does not parse", e);
        }
    }
}
