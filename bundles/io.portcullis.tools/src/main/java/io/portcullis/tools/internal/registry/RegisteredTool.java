package io.portcullis.tools.internal.registry;

import io.portcullis.spi.Tool;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.tools.internal.schema.CompiledSchema;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A tool service as registered: its descriptor read once (the SPI says it never changes), its schema
 * compiled once, and who registered it.
 *
 * @param owner the symbolic name of the bundle that registered the service
 * @param ownerVersion that bundle's version
 * @param plugin the plugin id of the owner while it is an active plugin, asked at every call so that a
 *     revoked plugin's tool stops counting at once
 */
public record RegisteredTool(
        Tool tool,
        ToolDescriptor descriptor,
        CompiledSchema schema,
        String owner,
        String ownerVersion,
        Supplier<Optional<String>> plugin) {

    public String name() {
        return descriptor.name();
    }
}
