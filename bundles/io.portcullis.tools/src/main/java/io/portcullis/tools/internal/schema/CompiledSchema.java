package io.portcullis.tools.internal.schema;

import com.networknt.schema.Schema;
import java.util.Set;

/**
 * A tool's input schema, compiled once.
 *
 * @param schema the networknt validator
 * @param parameters the names under the schema's top-level {@code properties}: the only top-level
 *     arguments a call may give, whatever the schema says about {@code additionalProperties}
 */
public record CompiledSchema(Schema schema, Set<String> parameters) {

    public CompiledSchema {
        parameters = Set.copyOf(parameters);
    }
}
