package io.portcullis.models.internal.gateway;

import io.portcullis.spi.ModelProvider;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The model providers present, each with the plugin it counts for at each call (the policy's
 * {@code PluginService} rule: a hosted plugin's proxy, or a plugin's own in-process service). A
 * provider counts for plugin X only while it is attributed to X and X is active.
 */
public final class Providers {

    private record Entry(String owner, Supplier<Optional<String>> plugin) {}

    private final Map<ModelProvider, Entry> providers = new ConcurrentHashMap<>();

    /** Adds {@code provider}, attributed to {@code owner}, counting while {@code plugin} answers it. */
    public void add(ModelProvider provider, String owner, Supplier<Optional<String>> plugin) {
        providers.put(provider, new Entry(owner, plugin));
    }

    public void remove(ModelProvider provider) {
        providers.remove(provider);
    }

    /** A provider that counts for {@code pluginId} now, if any. */
    public Optional<ModelProvider> of(String pluginId) {
        for (Map.Entry<ModelProvider, Entry> e : providers.entrySet()) {
            Entry entry = e.getValue();
            if (entry.owner().equals(pluginId)
                    && entry.plugin().get().filter(pluginId::equals).isPresent()) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }
}
