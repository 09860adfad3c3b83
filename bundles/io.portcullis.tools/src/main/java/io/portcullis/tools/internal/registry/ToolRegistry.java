package io.portcullis.tools.internal.registry;

import io.portcullis.spi.Tool;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.tools.internal.schema.CompiledSchema;
import io.portcullis.tools.internal.schema.SchemaCompiler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tool services of the server, keyed by descriptor name. The first service registered under a
 * name owns it; a later one from another bundle is kept aside, with a warning naming both, and takes
 * over only when the owner's service goes. A tool counts only while its owner is an active plugin
 * ({@link RegisteredTool#plugin()}), so core bundles cannot expose tools and a revoked plugin's tools
 * vanish without waiting for its service to unregister.
 *
 * <p>Lookups are lock-free (immutable lists in a concurrent map); changes are serialised.
 */
public final class ToolRegistry {

    /** The longest tool version kept: it goes into every result's provenance and the approvals table. */
    static final int MAX_VERSION = 64;

    private static final Logger LOG = LoggerFactory.getLogger(ToolRegistry.class);

    private final SchemaCompiler compiler;
    private final Map<String, List<RegisteredTool>> byName = new ConcurrentHashMap<>();

    public ToolRegistry(SchemaCompiler compiler) {
        this.compiler = compiler;
    }

    /**
     * Adds the service {@code tool} of bundle {@code owner}. Its descriptor is read here once, and a
     * tool whose descriptor fails or whose schema does not compile is ignored with a warning.
     *
     * @return whether the tool was kept
     */
    public synchronized boolean add(Tool tool, String owner, String ownerVersion, Supplier<Optional<String>> plugin) {
        ToolDescriptor descriptor;
        CompiledSchema schema;
        try {
            descriptor = tool.descriptor();
            if (descriptor.version().length() > MAX_VERSION) {
                throw new IllegalArgumentException("version is longer than " + MAX_VERSION + " characters");
            }
            schema = compiler.compile(descriptor.name(), descriptor.version(), descriptor.inputSchema());
        } catch (RuntimeException e) {
            LOG.warn("Tool service of '{}' ignored: {}", owner, e.getMessage());
            return false;
        }
        RegisteredTool registered = new RegisteredTool(tool, descriptor, schema, owner, ownerVersion, plugin);
        List<RegisteredTool> current = byName.getOrDefault(descriptor.name(), List.of());
        if (!current.isEmpty() && !current.get(0).owner().equals(owner)) {
            LOG.warn("Tool '{}' of '{}' ignored: '{}' already provides a tool of that name", descriptor.name(), owner,
                    current.get(0).owner());
        }
        List<RegisteredTool> next = new ArrayList<>(current);
        next.add(registered);
        byName.put(descriptor.name(), List.copyOf(next));
        return true;
    }

    /** Removes the service {@code tool}; the next one registered under its name, if any, takes over. */
    public synchronized void remove(Tool tool) {
        for (Map.Entry<String, List<RegisteredTool>> entry : byName.entrySet()) {
            List<RegisteredTool> next = new ArrayList<>(entry.getValue());
            if (next.removeIf(r -> r.tool() == tool)) {
                if (next.isEmpty()) {
                    byName.remove(entry.getKey());
                    compiler.forget(entry.getKey());
                } else {
                    byName.put(entry.getKey(), List.copyOf(next));
                }
                return;
            }
        }
    }

    /** The tool named {@code name} if its owner is an active plugin now. */
    public Optional<ActiveTool> find(String name) {
        List<RegisteredTool> candidates = byName.get(name);
        if (candidates == null) {
            return Optional.empty();
        }
        RegisteredTool owner = candidates.get(0);
        return owner.plugin().get().map(pluginId -> new ActiveTool(owner, pluginId));
    }

    /** Every tool whose owner is an active plugin now, by name. */
    public List<ActiveTool> active() {
        List<ActiveTool> all = new ArrayList<>();
        for (String name : byName.keySet()) {
            find(name).ifPresent(all::add);
        }
        all.sort(Comparator.comparing(t -> t.registered().name()));
        return all;
    }
}
