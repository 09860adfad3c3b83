package io.portcullis.agent.internal.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.vault.Redactor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The JSON the engine writes: event data, step details, tool messages. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, @Nullable Object>> MAP = new TypeReference<>() {};

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + value.getClass().getName(), e);
        }
    }

    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    static ObjectNode parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node instanceof ObjectNode object ? object : object().put("text", text);
        } catch (JsonProcessingException e) {
            return object().put("text", text);
        }
    }

    /**
     * Tool arguments with every secret the redactor finds replaced: the JSON text is redacted whole and
     * read back (a redaction mark holds no quote, so the text stays JSON; when it would not, the
     * arguments become empty).
     */
    static Map<String, @Nullable Object> redacted(
            Redactor redactor, String workspaceId, Map<String, @Nullable Object> arguments) {
        String text = redactor.redact(workspaceId, text(arguments));
        try {
            return MAPPER.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            return new LinkedHashMap<>();
        }
    }

    /** {@code {"status":"refused","error":{"code":…,"message":…}}}: a call answered without running it. */
    static String refusal(String code, String message) {
        ObjectNode body = object().put("status", "refused");
        body.putObject("error").put("code", code).put("message", message);
        return body.toString();
    }
}
