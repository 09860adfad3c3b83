package io.portcullis.policy.internal.plugins;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The framework operations on plugin bundles. Plugins are installed from bytes the gate has hashed
 * and scanned, never from a location the framework would read again, and started transiently: only
 * the gate starts them, after checking their grant, on every launch.
 */
class PluginBundles {

    private static final Logger LOG = LoggerFactory.getLogger(PluginBundles.class);
    private static final long REFRESH_WAIT_SECONDS = 30;

    private final BundleContext context;

    PluginBundles(BundleContext context) {
        this.context = context;
    }

    @Nullable Bundle find(String location) {
        return context.getBundle(location);
    }

    Bundle install(String location, byte[] jar) throws BundleException {
        return context.installBundle(location, new ByteArrayInputStream(jar));
    }

    /** Replaces the bundle's jar and refreshes it, so the old revision's wiring is gone too. */
    void update(Bundle bundle, byte[] jar) throws BundleException {
        bundle.update(new ByteArrayInputStream(jar));
        refresh(bundle);
    }

    /** Resolves and starts the bundle; the exception's message says why it would not. */
    void start(Bundle bundle) throws BundleException {
        bundle.start(Bundle.START_TRANSIENT);
    }

    /** Stops the bundle and refreshes it back to unresolved; its dependants are refreshed too. */
    void stopAndUnresolve(Bundle bundle) {
        try {
            bundle.stop(Bundle.STOP_TRANSIENT);
        } catch (BundleException | IllegalStateException e) {
            LOG.warn("Plugin '{}' did not stop cleanly: {}", bundle.getSymbolicName(), e.getMessage());
        }
        refresh(bundle);
    }

    void uninstall(Bundle bundle) throws BundleException {
        bundle.uninstall();
        refresh(bundle);
    }

    /** Uninstalls the bundle; one that will not go is logged and left to the caller's next step. */
    void uninstallOrWarn(Bundle bundle) {
        try {
            uninstall(bundle);
        } catch (BundleException | RuntimeException e) {
            LOG.warn("Plugin bundle '{}' did not uninstall cleanly: {}", bundle.getLocation(), e.getMessage());
        }
    }

    /** Refreshes {@code bundle} and waits for the framework to finish, so callers see the result. */
    void refresh(Bundle bundle) {
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        try {
            if (!done.await(REFRESH_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn(
                        "Refreshing plugin '{}' took over {} s; carrying on",
                        bundle.getSymbolicName(),
                        REFRESH_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
