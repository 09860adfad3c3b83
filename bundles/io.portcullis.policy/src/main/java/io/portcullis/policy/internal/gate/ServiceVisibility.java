package io.portcullis.policy.internal.gate;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;
import org.osgi.framework.hooks.service.ListenerHook.ListenerInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hides services from plugins, in lookups ({@link FindHook}) and in service events
 * ({@link EventListenerHook}, which also keeps trackers and Declarative Services blind). A plugin sees
 * its own services, and a core service only if the service carries the property {@value #SCOPE} and
 * the plugin holds a live grant of that scope. Core-internal services (no such property) and other
 * plugins' services are invisible to every plugin.
 *
 * <p>Core bundles see every core service, and a plugin's service only when each name it is registered
 * under belongs to the plugin SDK ({@value #SDK_PACKAGE}): a plugin offers tools and the like, never a
 * core role. A plugin registering the redactor's interface, a health check or a database under core
 * properties is therefore invisible to the core consumers that would have taken it.
 */
final class ServiceVisibility implements FindHook, EventListenerHook {

    /** The service property naming the scope a plugin needs to see a core service. */
    static final String SCOPE = "io.portcullis.scope";

    /** The plugin SDK's root package: the only service types the core takes from plugins. */
    static final String SDK_PACKAGE = "io.portcullis.spi";

    private static final Logger LOG = LoggerFactory.getLogger(ServiceVisibility.class);

    private final Classifier classifier;
    private final Grants grants;

    ServiceVisibility(Classifier classifier, Grants grants) {
        this.classifier = classifier;
        this.grants = grants;
    }

    @Override
    public void find(
            BundleContext context,
            String name,
            String filter,
            boolean allServices,
            Collection<ServiceReference<?>> references) {
        Bundle consumer = context.getBundle();
        references.removeIf(reference -> !visible(consumer, reference));
    }

    @Override
    public void event(ServiceEvent event, Map<BundleContext, Collection<ListenerInfo>> listeners) {
        ServiceReference<?> reference = event.getServiceReference();
        listeners.keySet().removeIf(context -> !visible(context.getBundle(), reference));
    }

    boolean visible(@Nullable Bundle consumer, ServiceReference<?> reference) {
        try {
            if (consumer == null) {
                return true;
            }
            Bundle provider = reference.getBundle();
            if (provider == null) {
                return false; // unregistered meanwhile
            }
            if (classifier.isCore(consumer)) {
                return !classifier.isPlugin(provider) || offersOnlySdkTypes(reference);
            }
            if (provider.getBundleId() == consumer.getBundleId()) {
                return true;
            }
            if (classifier.isPlugin(provider)) {
                return false;
            }
            Object scope = reference.getProperty(SCOPE);
            @Nullable Set<String> granted = grants.of(consumer.getBundleId());
            return scope instanceof String name && granted != null && granted.contains(name);
        } catch (RuntimeException e) {
            LOG.error("Service visibility check failed; hiding the service", e);
            return false;
        }
    }

    private static boolean offersOnlySdkTypes(ServiceReference<?> reference) {
        if (!(reference.getProperty(Constants.OBJECTCLASS) instanceof String[] names) || names.length == 0) {
            return false;
        }
        for (String name : names) {
            if (!name.startsWith(SDK_PACKAGE + ".")) {
                return false;
            }
        }
        return true;
    }
}
