package io.portcullis.host.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.host.wire.HostReady;
import io.portcullis.host.wire.RpcError;
import io.portcullis.host.wire.ServiceInfo;
import io.portcullis.host.wire.Wire;
import io.portcullis.spi.Channel;
import io.portcullis.spi.ModelProvider;
import io.portcullis.spi.Tool;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Tool, ModelProvider and Channel services the plugin bundle registered, by handle (the service
 * id). Rescanned on one worker thread whenever the plugin's services change, so the lists the core
 * receives keep their order; each descriptor is read once, under a short deadline, and a service
 * whose descriptor throws or hangs is left out.
 */
final class PluginServices implements ServiceListener {

    static final String FILTER = "(|(objectClass=" + Tool.class.getName() + ")(objectClass="
            + ModelProvider.class.getName() + ")(objectClass=" + Channel.class.getName() + "))";
    private static final long DESCRIPTOR_SECONDS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(PluginServices.class);

    /** One offered service under one of its kinds. */
    record Entry(ServiceReference<?> ref, String kind, Object service, JsonNode descriptor) {
        long handle() {
            return (Long) ref.getProperty(Constants.SERVICE_ID);
        }
    }

    private final BundleContext context;
    private final String pluginId;
    private final Bundle plugin;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Set<Long> gone = ConcurrentHashMap.newKeySet(); // service ids are never reused
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Threads.daemon("services"));
    private final ExecutorService descriptors = Executors.newCachedThreadPool(Threads.daemon("descriptor"));
    private @Nullable Consumer<HostReady> changes; // worker thread only

    PluginServices(BundleContext context, String pluginId, Bundle plugin) throws Exception {
        this.context = context;
        this.pluginId = pluginId;
        this.plugin = plugin;
        context.addServiceListener(this, FILTER);
    }

    /** Reads the current services, hands them to {@code ready}, then every later change to {@code changes}. */
    void announce(Consumer<HostReady> ready, Consumer<HostReady> later) throws Exception {
        worker.submit(() -> {
                    refresh();
                    ready.accept(current());
                    changes = later;
                    if (refresh()) { // anything that changed between the two
                        later.accept(current());
                    }
                    return null;
                })
                .get();
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        ServiceReference<?> ref = event.getServiceReference();
        if (ref.getBundle() != plugin) {
            return;
        }
        boolean removed = false;
        if (event.getType() == ServiceEvent.UNREGISTERING) {
            // Removed now, on the plugin's thread: the rescan could still see it registered.
            long handle = (Long) ref.getProperty(Constants.SERVICE_ID);
            gone.add(handle);
            for (String kind : kinds(ref)) {
                Entry entry = entries.remove(key(handle, kind));
                if (entry != null) {
                    context.ungetService(entry.ref());
                    removed = true;
                }
            }
        }
        boolean announce = removed;
        worker.execute(() -> {
            Consumer<HostReady> listener = changes;
            if ((refresh() || announce) && listener != null) {
                listener.accept(current());
            }
        });
    }

    /** The service {@code handle} under {@code type}. */
    <T> T get(long handle, String kind, Class<T> type) throws RpcError {
        Entry entry = entries.get(key(handle, kind));
        if (entry == null || !type.isInstance(entry.service())) {
            throw new RpcError(RpcError.INVALID_PARAMS, "no " + kind + " service " + handle);
        }
        return type.cast(entry.service());
    }

    HostReady current() {
        List<ServiceInfo> infos = new ArrayList<>();
        entries.values().stream()
                .sorted(Comparator.comparingLong(Entry::handle).thenComparing(Entry::kind))
                .forEach(e -> infos.add(new ServiceInfo(e.handle(), e.kind(), e.descriptor())));
        return new HostReady(pluginId, infos);
    }

    /** Brings the entries in line with the plugin's registered services; true when they changed. */
    private boolean refresh() {
        ServiceReference<?>[] registered = plugin.getState() == Bundle.ACTIVE ? plugin.getRegisteredServices() : null;
        Set<String> seen = new HashSet<>();
        boolean changed = false;
        for (ServiceReference<?> ref : registered == null ? new ServiceReference<?>[0] : registered) {
            long handle = (Long) ref.getProperty(Constants.SERVICE_ID);
            if (gone.contains(handle)) {
                continue;
            }
            for (String kind : kinds(ref)) {
                String key = key(handle, kind);
                seen.add(key);
                if (!entries.containsKey(key)) {
                    Entry entry = open(ref, kind);
                    if (entry != null) {
                        entries.put(key, entry);
                        changed = true;
                    }
                }
            }
        }
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (!seen.contains(e.getKey())) {
                entries.remove(e.getKey());
                context.ungetService(e.getValue().ref());
                changed = true;
            }
        }
        return changed;
    }

    private @Nullable Entry open(ServiceReference<?> ref, String kind) {
        Object service = context.getService(ref);
        if (service == null) {
            return null;
        }
        Supplier<Object> descriptor = switch (kind) {
            case ServiceInfo.TOOL -> ((Tool) service)::descriptor;
            case ServiceInfo.MODEL_PROVIDER -> ((ModelProvider) service)::descriptor;
            default -> ((Channel) service)::descriptor;
        };
        try {
            Object value =
                    CompletableFuture.supplyAsync(descriptor, descriptors).get(DESCRIPTOR_SECONDS, TimeUnit.SECONDS);
            return new Entry(ref, kind, service, Wire.mapper().valueToTree(value));
        } catch (Exception e) { // NOPMD: the plugin's failure keeps only this service out
            Throwable cause = e.getCause() == null ? e : e.getCause();
            LOG.warn(
                    "Plugin '{}': {} service {} left out, its descriptor failed: {}",
                    pluginId,
                    kind,
                    ref.getProperty(Constants.SERVICE_ID),
                    cause.getClass().getName());
            context.ungetService(ref);
            return null;
        }
    }

    private static List<String> kinds(ServiceReference<?> ref) {
        List<String> kinds = new ArrayList<>();
        for (String type : (String[]) ref.getProperty(Constants.OBJECTCLASS)) {
            if (type.equals(Tool.class.getName())) {
                kinds.add(ServiceInfo.TOOL);
            } else if (type.equals(ModelProvider.class.getName())) {
                kinds.add(ServiceInfo.MODEL_PROVIDER);
            } else if (type.equals(Channel.class.getName())) {
                kinds.add(ServiceInfo.CHANNEL);
            }
        }
        return kinds;
    }

    private static String key(long handle, String kind) {
        return handle + "/" + kind;
    }
}
