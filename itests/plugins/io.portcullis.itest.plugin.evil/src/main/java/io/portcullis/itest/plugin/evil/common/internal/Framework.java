package io.portcullis.itest.plugin.evil.common.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The system bundle's context, from a plugin's own: {@code Bundle.getBundleContext} called by
 * reflection, which the scan does not see. With it a plugin acts as the framework itself: it sees every
 * bundle and service past the gate's find hooks, and what it registers comes from bundle 0.
 */
public final class Framework {

    private Framework() {}

    public static BundleContext system(BundleContext own) throws ReflectiveOperationException {
        BundleContext system =
                (BundleContext) Bundle.class.getMethod("getBundleContext").invoke(own.getBundle(0));
        if (system == null) {
            throw new IllegalStateException("no context for the system bundle");
        }
        return system;
    }

    /**
     * Withdraws {@code registration} after {@code millis}: registered as the system bundle, it would
     * otherwise outlive the plugin and, in-process, spoil the rest of the test run. The attack only
     * needs a few seconds to be seen.
     */
    public static void withdrawLater(ServiceRegistration<?> registration, long millis) {
        Thread later = new Thread(
                () -> {
                    try {
                        Thread.sleep(millis);
                    } catch (InterruptedException e) {
                        // withdraw now
                    }
                    try {
                        registration.unregister();
                    } catch (IllegalStateException e) {
                        // gone already
                    }
                },
                "evil-withdraw");
        later.setDaemon(true);
        later.start();
    }
}
