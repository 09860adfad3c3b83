package io.portcullis.tools.internal.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The bundle's one Jackson mapper and what it does with argument and result trees: canonical text
 * (keys sorted at every level, so that equal arguments give equal audit HMACs), conversion to the
 * plain values a {@link io.portcullis.spi.Tool} receives, and a copy with every string redacted.
 */
public final class JsonValues {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(JsonNodeFeature.WRITE_PROPERTIES_SORTED, true);

    private JsonValues() {}

    /** Compact JSON with sorted keys. */
    public static String canonical(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree did not serialise", e);
        }
    }

    /** The tree of plain values {@code arguments}: what the web layer or the agent handed over. */
    public static JsonNode tree(Map<String, @Nullable Object> arguments) {
        return MAPPER.valueToTree(arguments);
    }

    /** The plain values of an object tree, in the tree's order, for {@code Tool.invoke}. */
    @SuppressWarnings("unchecked")
    public static Map<String, @Nullable Object> values(JsonNode object) {
        return MAPPER.convertValue(object, LinkedHashMap.class);
    }

    /** A copy of {@code node} with every string value and field name passed through {@code redact}. */
    public static JsonNode redacted(JsonNode node, UnaryOperator<String> redact) {
        if (node.isTextual()) {
            return MAPPER.getNodeFactory().textNode(redact.apply(node.textValue()));
        }
        if (node.isArray()) {
            ArrayNode copy = MAPPER.createArrayNode();
            node.forEach(item -> copy.add(redacted(item, redact)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = MAPPER.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                copy.set(redact.apply(field.getKey()), redacted(field.getValue(), redact));
            }
            return copy;
        }
        return node;
    }
}
