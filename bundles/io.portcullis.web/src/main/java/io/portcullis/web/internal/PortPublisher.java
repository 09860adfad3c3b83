package io.portcullis.web.internal;

import io.portcullis.store.health.HealthCheck;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Makes the bound port visible to other bundles (tests on port 0, for one): an {@code http} health
 * check, up while the server listens, with service property {@code portcullis.http.port}.
 */
final class PortPublisher {

    static final String PORT_PROPERTY = "portcullis.http.port";

    private final @Nullable BundleContext context;
    private @Nullable ServiceRegistration<HealthCheck> registration;
    private volatile int port = -1;

    /** With a null context the port is only remembered (for tests without a framework). */
    PortPublisher(@Nullable BundleContext context) {
        this.context = context;
    }

    synchronized void publish(int boundPort, BooleanSupplier listening) {
        port = boundPort;
        if (context == null) {
            return;
        }
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(PORT_PROPERTY, boundPort);
        if (registration == null) {
            registration = context.registerService(HealthCheck.class, new Listening(listening), properties);
        } else {
            registration.setProperties(properties);
        }
    }

    synchronized void withdraw() {
        port = -1;
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
            registration = null;
        }
    }

    int port() {
        return port;
    }

    private record Listening(BooleanSupplier listening) implements HealthCheck {
        @Override
        public String name() {
            return "http";
        }

        @Override
        public @Nullable String problem() {
            return listening.getAsBoolean() ? null : "not listening";
        }
    }
}
