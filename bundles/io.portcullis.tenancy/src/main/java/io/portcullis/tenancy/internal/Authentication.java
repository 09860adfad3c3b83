package io.portcullis.tenancy.internal;

import io.portcullis.store.Database;
import io.portcullis.store.health.StartupFailures;
import io.portcullis.web.Authenticator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the platform admin key and registers the {@link KeyAuthenticator} as the web bundle's
 * {@link Authenticator}. Without a valid admin key nothing is registered, so protected routes stay
 * closed, and on the bundle's first activation the launcher is told to stop with the one-line reason.
 */
@Component(
        service = {},
        immediate = true)
public final class Authentication {

    /** Framework property naming the data folder, set by the launcher. */
    static final String DATA_PROPERTY = "portcullis.data";

    private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);
    private static final AtomicBoolean FIRST_ACTIVATION = new AtomicBoolean(true);

    private final @Nullable KeyAuthenticator authenticator;
    private final @Nullable ServiceRegistration<Authenticator> registration;

    @Activate
    public Authentication(BundleContext context, @Reference(target = "(portcullis.schema=tenancy)") Database database) {
        boolean first = FIRST_ACTIVATION.getAndSet(false);
        String data = context.getProperty(DATA_PROPERTY);
        Path dataDir = Path.of(data == null || data.isBlank() ? "data" : data);
        KeyAuthenticator started = null;
        ServiceRegistration<Authenticator> registered = null;
        try {
            AdminKey admin = AdminKeys.load(System.getenv(), dataDir);
            Clock clock = Clock.systemUTC();
            started = new KeyAuthenticator(
                    new KeyLookup(database), admin, KeyAuthenticator.lastUsed(database, clock), clock);
            registered = context.registerService(Authenticator.class, started, null);
        } catch (AdminKeys.AdminKeyException e) {
            LOG.error("Tenancy did not start: {}", e.getMessage());
            if (first) {
                StartupFailures.report(context, "tenancy: " + e.getMessage());
            }
        }
        this.authenticator = started;
        this.registration = registered;
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and its registrations went first
            }
        }
        if (authenticator != null) {
            authenticator.close();
        }
    }
}
