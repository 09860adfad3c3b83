package io.portcullis.tools.internal.registry;

import io.portcullis.spi.Tool;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.tools.internal.guard.Guarded;
import io.portcullis.tools.internal.guard.ToolExecutor;
import io.portcullis.tools.internal.schema.CompiledSchema;
import io.portcullis.tools.internal.schema.SchemaCompiler;
import java.time.Duration;
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
 * The tool services of the server, keyed by descriptor name. A tool name belongs to one plugin: a
 * service of another bundle under a name already held is refused, kept out of the registry and
 * reported to {@link Refusals} (audited) naming the holder, so a later plugin can never shadow or
 * inherit a tool it does not own. The same bundle may register a name again (an update). A tool counts only while its owner is an active plugin
 * ({@link RegisteredTool#plugin()}), so core bundles cannot expose tools and a revoked plugin's tools
 * vanish without waiting for its service to unregister.
 *
 * <p>Lookups are lock-free (immutable lists in a concurrent map); changes are serialised.
 */
public final class ToolRegistry {

    /** The longest tool version kept: it goes into every result's provenance and the approvals table. */
    static final int MAX_VERSION = 64;

    /** How long a tool's {@code descriptor()} may take: it returns a constant. */
    public static final Duration DESCRIPTOR_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(ToolRegistry.class);

    /** Told of each tool service refused, with a reason code and a text naming no secret. */
    @FunctionalInterface
    public interface Refusals {
        void refused(String owner, String reasonCode, String detail);
    }

    private final SchemaCompiler compiler;
    private final ToolExecutor guard;
    private final Refusals refusals;
    private final Map<String, List<RegisteredTool>> byName = new ConcurrentHashMap<>();

    public ToolRegistry(SchemaCompiler compiler, ToolExecutor guard, Refusals refusals) {
        this.compiler = compiler;
        this.guard = guard;
        this.refusals = refusals;
    }

    /**
     * Adds the service {@code tool} of bundle {@code owner}. Its descriptor is read here once, through
     * the guard (this runs on the thread that starts the plugin: a grant request); a tool whose
     * descriptor throws, hangs or is invalid is refused and reported to {@link Refusals}.
     *
     * @return whether the tool was kept
     */
    public boolean add(Tool tool, String owner, String ownerVersion, Supplier<Optional<String>> plugin) {
        Guarded<ToolDescriptor> read = guard.quick(tool::descriptor, DESCRIPTOR_TIMEOUT);
        if (!(read instanceof Guarded.Returned<ToolDescriptor> returned) || returned.value() == null) {
            String code = read instanceof Guarded.TimedOut<ToolDescriptor> ? "plugin_timeout" : "plugin_failed";
            String why = read instanceof Guarded.Threw<ToolDescriptor> t
                    ? t.throwable().getClass().getName()
                    : read.getClass().getSimpleName();
            LOG.warn("Tool service of '{}' refused: its descriptor() failed ({})", owner, why);
            refusals.refused(owner, code, "descriptor() of a tool service failed: " + why);
            return false;
        }
        ToolDescriptor descriptor = returned.value();
        CompiledSchema schema;
        try {
            if (descriptor.version().length() > MAX_VERSION) {
                throw new IllegalArgumentException("version is longer than " + MAX_VERSION + " characters");
            }
            schema = compiler.compile(descriptor.name(), descriptor.version(), descriptor.inputSchema());
        } catch (RuntimeException e) {
            LOG.warn("Tool service of '{}' ignored: {}", owner, e.getMessage());
            refusals.refused(owner, "invalid_descriptor", "tool " + descriptor.name() + ": " + e.getMessage());
            return false;
        }
        return register(new RegisteredTool(tool, descriptor, schema, owner, ownerVersion, plugin));
    }

    private synchronized boolean register(RegisteredTool registered) {
        ToolDescriptor descriptor = registered.descriptor();
        String owner = registered.owner();
        List<RegisteredTool> current = byName.getOrDefault(descriptor.name(), List.of());
        if (!current.isEmpty() && !current.get(0).owner().equals(owner)) {
            String holder = current.get(0).owner();
            LOG.warn(
                    "Tool '{}' of '{}' refused: plugin '{}' already provides a tool of that name",
                    descriptor.name(),
                    owner,
                    holder);
            refusals.refused(
                    owner, "tool_name_taken", "tool " + descriptor.name() + " is already provided by plugin " + holder);
            return false;
        }
        List<RegisteredTool> next = new ArrayList<>(current);
        next.add(registered);
        byName.put(descriptor.name(), List.copyOf(next));
        return true;
    }

    /** Removes the service {@code tool}; its name is free again once no service of its owner holds it. */
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
