package io.portcullis.policy.internal;

import io.portcullis.policy.PrivateEndpoints;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The egress guard's private endpoint grants as the plugin views show them, got from the service on
 * first use, never when bound. The guard needs {@link io.portcullis.policy.PluginPolicy}, this
 * component's service: getting the guard while this component is being made (as a bound service
 * object would be) closes a cycle, and DS then remembers the guard's reference to this service as
 * failed for as long as the service lives, so the guard could never be made again in that framework.
 */
final class PrivateEndpointsView {

    private record Bound(
            ServiceReference<PrivateEndpoints> reference,
            @Nullable PrivateEndpoints service) {}

    private final BundleContext context;
    private @Nullable Bound bound;

    PrivateEndpointsView(BundleContext context) {
        this.context = context;
    }

    void bind(ServiceReference<PrivateEndpoints> reference) {
        Bound old;
        synchronized (this) {
            old = bound;
            bound = new Bound(reference, null);
        }
        release(old);
    }

    void unbind(ServiceReference<PrivateEndpoints> reference) {
        Bound old;
        synchronized (this) {
            if (bound == null || !bound.reference().equals(reference)) {
                return;
            }
            old = bound;
            bound = null;
        }
        release(old);
    }

    /** The origins granted to {@code pluginId}; none while no guard is bound or it cannot be made. */
    List<String> origins(String pluginId) {
        Bound current;
        synchronized (this) {
            current = bound;
        }
        if (current == null) {
            return List.of();
        }
        PrivateEndpoints service = current.service();
        if (service == null) {
            service = context.getService(current.reference()); // outside the lock: this may make the guard
            if (service == null) {
                return List.of(); // tried again on the next call
            }
            boolean kept;
            synchronized (this) {
                kept = bound == current;
                if (kept) {
                    bound = new Bound(current.reference(), service);
                }
            }
            if (!kept) {
                context.ungetService(current.reference());
            }
        }
        return service.origins(pluginId);
    }

    private void release(@Nullable Bound old) {
        if (old != null && old.service() != null) {
            try {
                context.ungetService(old.reference());
            } catch (IllegalStateException e) {
                // this bundle is stopping: its service uses end anyway
            }
        }
    }
}
