package io.portcullis.tools.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a call's arguments before any schema sees them, then against the schema: an object, at most
 * {@value #MAX_DOCUMENT_BYTES} bytes as compact JSON, no string (value or field name) over
 * {@value #MAX_STRING_CHARS} characters, at most {@value #MAX_DEPTH} levels deep, only the top-level
 * fields the schema lists under {@code properties}. The first violation is answered with its path and
 * rule, never the value. Stateless and thread-safe.
 */
public final class ArgumentCheck {

    public static final int MAX_DOCUMENT_BYTES = 64 * 1024;
    public static final int MAX_STRING_CHARS = 16 * 1024;
    public static final int MAX_DEPTH = 32;

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ArgumentCheck() {}

    /**
     * The first violation of {@code arguments} against {@code schema}, or empty when they are valid.
     *
     * @param canonical the arguments as compact JSON, for the size check
     */
    public static Optional<Violation> check(CompiledSchema schema, JsonNode arguments, String canonical) {
        if (!arguments.isObject()) {
            return Optional.of(new Violation("$", "Arguments must be a JSON object."));
        }
        if (canonical.length() > MAX_DOCUMENT_BYTES
                || canonical.getBytes(StandardCharsets.UTF_8).length > MAX_DOCUMENT_BYTES) {
            return Optional.of(new Violation("$", "Arguments are larger than " + MAX_DOCUMENT_BYTES + " bytes."));
        }
        Optional<Violation> shape = shape(arguments, "$", 0);
        if (shape.isPresent()) {
            return shape;
        }
        for (Iterator<String> names = arguments.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!schema.parameters().contains(name)) {
                return Optional.of(new Violation(child("$", name), "Argument {path} is not a parameter of this tool."));
            }
        }
        List<Error> errors = schema.schema().validate(arguments);
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        Error first = errors.get(0);
        String keyword = first.getKeyword() == null ? "schema" : first.getKeyword();
        String path = first.getInstanceLocation() == null
                ? "$"
                : first.getInstanceLocation().toString();
        if ("required".equals(keyword) && first.getProperty() != null) {
            path = child(path, first.getProperty());
        }
        return Optional.of(new Violation(path, "Argument {path} is invalid (" + keyword + ")."));
    }

    private static Optional<Violation> shape(JsonNode node, String path, int depth) {
        if (depth > MAX_DEPTH) {
            return Optional.of(new Violation(path, "Argument {path} is nested deeper than " + MAX_DEPTH + " levels."));
        }
        if (node.isTextual() && node.textValue().length() > MAX_STRING_CHARS) {
            return Optional.of(
                    new Violation(path, "Argument {path} is longer than " + MAX_STRING_CHARS + " characters."));
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<Violation> inner = shape(node.get(i), path + "[" + i + "]", depth + 1);
                if (inner.isPresent()) {
                    return inner;
                }
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().length() > MAX_STRING_CHARS) {
                    return Optional.of(new Violation(
                            path, "A field name under {path} is longer than " + MAX_STRING_CHARS + " characters."));
                }
                Optional<Violation> inner = shape(field.getValue(), child(path, field.getKey()), depth + 1);
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        return Optional.empty();
    }

    private static String child(String path, String name) {
        return PLAIN_NAME.matcher(name).matches() ? path + "." + name : path + "['" + name.replace("'", "\\'") + "']";
    }
}
