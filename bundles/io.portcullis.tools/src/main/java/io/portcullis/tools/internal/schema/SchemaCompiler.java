package io.portcullis.tools.internal.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles tool input schemas (JSON Schema draft 2020-12 unless a schema names its dialect) once per
 * tool name, version and schema text. Schemas come from plugins: the loader never fetches a remote
 * {@code $ref}, so compiling a schema opens no connection. Thread-safe.
 */
public final class SchemaCompiler {

    /** The largest schema text accepted; a tool's contract is never that long. */
    public static final int MAX_SCHEMA_CHARS = 256 * 1024;

    private record Key(String tool, String version, String text) {}

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false))
                    .schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .pathType(PathType.JSON_PATH) // paths in refusals read $.a.b[0]
                            .failFast(true) // only the first violation is ever shown
                            .build()));
    private final Map<Key, CompiledSchema> cache = new ConcurrentHashMap<>();

    /**
     * The compiled schema of {@code tool} at {@code version}.
     *
     * @throws IllegalArgumentException when the text is not a JSON object schema the validator accepts
     */
    public CompiledSchema compile(String tool, String version, String text) {
        return cache.computeIfAbsent(new Key(tool, version, text), key -> load(key.text()));
    }

    /** How many schemas are compiled; for tests. */
    int size() {
        return cache.size();
    }

    /** Forgets the schemas of {@code tool}, when its service goes. */
    public void forget(String tool) {
        cache.keySet().removeIf(key -> key.tool().equals(tool));
    }

    private CompiledSchema load(String text) {
        if (text.length() > MAX_SCHEMA_CHARS) {
            throw new IllegalArgumentException("input schema is longer than " + MAX_SCHEMA_CHARS + " characters");
        }
        JsonNode node;
        try {
            node = JsonValues.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("input schema is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("input schema is not a JSON object");
        }
        Schema schema;
        try {
            schema = registry.getSchema(node);
            schema.initializeValidators();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "input schema is invalid: " + e.getClass().getSimpleName());
        }
        Set<String> parameters = new HashSet<>();
        JsonNode properties = node.get("properties");
        if (properties != null && properties.isObject()) {
            properties.fieldNames().forEachRemaining(parameters::add);
        }
        return new CompiledSchema(schema, parameters);
    }
}
