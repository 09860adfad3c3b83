package io.portcullis.policy.internal.scan.samples;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * Takes the context of the bundle that provides a class it can see (the SDK's, say): lookups through
 * it are that bundle's, past the gate's service hooks. Never grantable; its own context is fine.
 */
public class ActsAsAnotherBundle {

    BundleContext borrow(Class<?> seen) {
        return FrameworkUtil.getBundle(seen).getBundleContext();
    }

    void stopIt(Bundle other) throws Exception {
        other.stop();
    }

    String ownName(BundleContext own) {
        return own.getBundle().getSymbolicName();
    }
}
