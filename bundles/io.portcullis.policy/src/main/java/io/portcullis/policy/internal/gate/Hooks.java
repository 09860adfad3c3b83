package io.portcullis.policy.internal.gate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;
import org.osgi.framework.hooks.weaving.WeavingHook;
import org.osgi.framework.wiring.BundleRevision;

/** Registers the gate's framework hooks, and unregisters them together. */
public final class Hooks implements AutoCloseable {

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    public Hooks(BundleContext context, Classifier classifier, Grants grants) {
        long self = context.getBundle().getBundleId();
        ResolverHookFactory resolver =
                (Collection<BundleRevision> triggers) -> new ScopeResolverHook(classifier, grants, self);
        ServiceVisibility visibility = new ServiceVisibility(classifier, grants);
        // The launcher's start-up gate keeps plugins unresolved until a service with this role exists.
        registrations.add(context.registerService(
                ResolverHookFactory.class, resolver, new Hashtable<>(Map.of("portcullis.role", "gate"))));
        registrations.add(context.registerService(
                new String[] {FindHook.class.getName(), EventListenerHook.class.getName()}, visibility, null));
        registrations.add(context.registerService(WeavingHook.class, new ClassGuard(classifier, grants), null));
        registrations.add(context.registerService(
                new String[] {
                    org.osgi.framework.hooks.bundle.FindHook.class.getName(),
                    org.osgi.framework.hooks.bundle.EventHook.class.getName()
                },
                new BundleVisibility(classifier),
                null));
    }

    @Override
    public void close() {
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
        registrations.clear();
    }
}
