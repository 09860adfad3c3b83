package io.portcullis.tools.internal.registry;

import io.portcullis.spi.Risk;
import io.portcullis.spi.Tool;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.tools.internal.schema.CompiledSchema;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A tool service as registered: its descriptor read once (the SPI says it never changes), its schema
 * compiled once, and who registered it.
 *
 * @param owner the symbolic name of the bundle that registered the service
 * @param ownerVersion that bundle's version
 * @param plugin the plugin id of the owner while it is an active plugin, asked at every call so that a
 *     revoked plugin's tool stops counting at once
 */
public record RegisteredTool(Tool tool, ToolDescriptor descriptor, CompiledSchema schema, String owner,
        String ownerVersion, Supplier<Optional<String>> plugin) {

    public String name() {
        return descriptor.name();
    }

    /**
     * The risk of a call with {@code arguments}, as the tool answers it ({@code Tool.risk}); the
     * descriptor's when the tool throws, since a tool that cannot tell must be taken at its word.
     */
    public Risk risk(Map<String, ?> arguments) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, @Nullable Object> values = (Map<String, @Nullable Object>) arguments;
            Risk risk = tool.risk(values);
            return risk == null ? descriptor.risk() : risk;
        } catch (RuntimeException e) {
            return descriptor.risk();
        }
    }
}
