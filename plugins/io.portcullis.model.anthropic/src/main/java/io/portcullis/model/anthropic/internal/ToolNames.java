package io.portcullis.model.anthropic.internal;

import io.portcullis.spi.ToolDescriptor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The names tools go by on the wire, for one request. Portcullis names tools with dots
 * ({@code http.fetch}); tool names must match {@code ^[a-zA-Z0-9_-]{1,64}$}, so each dot becomes an
 * underscore, with a numbered suffix when that collides with another tool's name. A name the model
 * answers that is not one of the request's is handed on unchanged (the core refuses unknown tools).
 */
final class ToolNames {

    private final Map<String, String> toWire = new HashMap<>();
    private final Map<String, String> fromWire = new HashMap<>();

    ToolNames(List<ToolDescriptor> tools) {
        for (ToolDescriptor tool : tools) {
            String base = tool.name().replace('.', '_');
            String wire = base;
            for (int n = 2; fromWire.containsKey(wire); n++) {
                String suffix = "_" + n;
                wire = base.substring(0, Math.min(base.length(), 64 - suffix.length())) + suffix;
            }
            toWire.put(tool.name(), wire);
            fromWire.put(wire, tool.name());
        }
    }

    /** The wire name of {@code tool} (one of the request's, or any other name made wire-safe). */
    String wire(String tool) {
        String wire = toWire.get(tool);
        return wire != null ? wire : tool.replace('.', '_');
    }

    /** The tool the model named {@code wire}. */
    String tool(String wire) {
        return fromWire.getOrDefault(wire, wire);
    }
}
