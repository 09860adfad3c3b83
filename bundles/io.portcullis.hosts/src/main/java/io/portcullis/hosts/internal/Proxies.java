package io.portcullis.hosts.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.portcullis.host.wire.ServiceInfo;
import io.portcullis.host.wire.Wire;
import io.portcullis.hosts.PluginHosts;
import io.portcullis.spi.Channel;
import io.portcullis.spi.ModelProvider;
import io.portcullis.spi.Tool;
import io.portcullis.spi.ToolDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The proxy services of one host: built from what its {@code host.ready} announced (a descriptor that
 * does not parse or validate is skipped and logged, the others count), registered in the core with
 * {@code io.portcullis.plugin=<id>}, unregistered together.
 */
final class Proxies {

    static final Proxies NONE = new Proxies(List.of(), List.of());

    /** One proxy: its service type, the object, its {@code kind:name}. */
    record Proxy(Class<?> type, Object service, String kind, String name) {
        String label() {
            return kind + ":" + name;
        }
    }

    private final List<Proxy> proxies;
    private final List<Runnable> registrations;

    private Proxies(List<Proxy> proxies, List<Runnable> registrations) {
        this.proxies = List.copyOf(proxies);
        this.registrations = List.copyOf(registrations);
    }

    static Proxies of(HostLink link, List<ServiceInfo> services, Logger log) {
        List<Proxy> proxies = new ArrayList<>();
        for (ServiceInfo info : services) {
            try {
                proxies.add(proxy(link, info));
            } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
                log.warn(
                        "Plugin host '{}' announced a {} service with an invalid descriptor; it is left out ({})",
                        link.pluginId(),
                        HostLink.clip(info.kind()),
                        HostLink.clip(e.getMessage()));
            }
        }
        return new Proxies(proxies, List.of());
    }

    private static Proxy proxy(HostLink link, ServiceInfo info) throws JsonProcessingException {
        String kind = info.kind() == null ? "" : info.kind();
        if (info.descriptor() == null) {
            throw new IllegalArgumentException("no descriptor");
        }
        switch (kind) {
            case ServiceInfo.TOOL -> {
                ToolDescriptor d = Wire.mapper().treeToValue(info.descriptor(), ToolDescriptor.class);
                return new Proxy(Tool.class, new ToolProxy(link, info.handle(), d), kind, d.name());
            }
            case ServiceInfo.MODEL_PROVIDER -> {
                ModelProvider.Descriptor d =
                        Wire.mapper().treeToValue(info.descriptor(), ModelProvider.Descriptor.class);
                return new Proxy(ModelProvider.class, new ModelProxy(link, info.handle(), d), kind, name(d.name()));
            }
            case ServiceInfo.CHANNEL -> {
                Channel.Descriptor d = Wire.mapper().treeToValue(info.descriptor(), Channel.Descriptor.class);
                return new Proxy(Channel.class, new ChannelProxy(link, info.handle(), d), kind, name(d.name()));
            }
            default -> throw new IllegalArgumentException("unknown kind");
        }
    }

    private static String name(String name) {
        if (name == null || name.isBlank() || name.length() > 64) {
            throw new IllegalArgumentException("no valid name");
        }
        return HostLink.clip(name);
    }

    List<String> toolNames() {
        return proxies.stream()
                .filter(p -> p.type() == Tool.class)
                .map(Proxy::name)
                .toList();
    }

    /** {@code kind:name} of each proxy ({@code tool:http.fetch}). */
    List<String> names() {
        return proxies.stream().map(Proxy::label).toList();
    }

    /** These proxies without the tools whose names another plugin holds (logged); the rest claimed. */
    Proxies withoutConflicts(Hosts hosts, String pluginId, Logger log) {
        List<Proxy> kept = new ArrayList<>();
        for (Proxy proxy : proxies) {
            if (proxy.type() == Tool.class) {
                var conflict = hosts.claim(pluginId, List.of(proxy.name()));
                if (conflict.isPresent()) {
                    log.warn("Plugin host '{}': {}; that tool is left out", pluginId, conflict.get());
                    continue;
                }
            }
            kept.add(proxy);
        }
        return new Proxies(kept, List.of());
    }

    /** Registers every proxy in the core with the plugin's id and version; the registered set. */
    Proxies register(Hosts.Registrar registrar, String pluginId, String pluginVersion) {
        List<Runnable> done = new ArrayList<>();
        for (Proxy proxy : proxies) {
            done.add(registrar.register(
                    proxy.type(),
                    proxy.service(),
                    Map.of(
                            PluginHosts.PLUGIN_PROPERTY,
                            pluginId,
                            PluginHosts.PLUGIN_VERSION_PROPERTY,
                            pluginVersion,
                            "service.description",
                            proxy.label())));
        }
        return new Proxies(proxies, done);
    }

    void unregister() {
        for (Runnable registration : registrations) {
            try {
                registration.run();
            } catch (RuntimeException e) {
                // already gone
            }
        }
    }
}
