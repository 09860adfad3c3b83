package io.portcullis.hosts.internal;

import io.portcullis.hosts.PluginHosts;
import io.portcullis.spi.Tool;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The core's service registry as the supervisor sees it: what is registered now, with its properties. */
final class Registry implements Hosts.Registrar {

    final Map<Object, Map<String, Object>> live = new ConcurrentHashMap<>();

    @Override
    public Runnable register(Class<?> type, Object service, Map<String, Object> properties) {
        live.put(service, Map.copyOf(properties));
        return () -> live.remove(service);
    }

    /** The registered tool named {@code name}. */
    Optional<Tool> tool(String name) {
        return live.keySet().stream()
                .filter(Tool.class::isInstance)
                .map(Tool.class::cast)
                .filter(t -> t.descriptor().name().equals(name))
                .findFirst();
    }

    List<Object> ofPlugin(String pluginId) {
        return live.entrySet().stream()
                .filter(e -> pluginId.equals(e.getValue().get(PluginHosts.PLUGIN_PROPERTY)))
                .map(Map.Entry::getKey)
                .toList();
    }
}
