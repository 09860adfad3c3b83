package io.portcullis.policy.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON Merge Patch (RFC 7396): a patch object's members replace the target's, {@code null} removes a
 * member, objects merge recursively, anything else (arrays included) replaces whole. Neither argument
 * is modified.
 */
final class MergePatch {

    private MergePatch() {}

    /** The RFC's {@code MergePatch(Target, Patch)}; a {@code null} or missing target is no value at all. */
    static JsonNode apply(@Nullable JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject()
                ? ((ObjectNode) target).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                result.set(member.getKey(), apply(result.get(member.getKey()), member.getValue()));
            }
        }
        return result;
    }
}
