package io.portcullis.policy.internal.gate;

import java.util.Collection;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.hooks.bundle.EventHook;
import org.osgi.framework.hooks.bundle.FindHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hides other bundles from plugins: {@code getBundles()}, {@code getBundle(id)} and bundle events show a
 * plugin itself and the system bundle only. Without a SecurityManager, a plugin holding another bundle's
 * object could stop it or take its context (the scan refuses those calls; this keeps the objects out of
 * reach in the first place). Core bundles see everything.
 */
final class BundleVisibility implements FindHook, EventHook {

    private static final Logger LOG = LoggerFactory.getLogger(BundleVisibility.class);

    private final Classifier classifier;

    BundleVisibility(Classifier classifier) {
        this.classifier = classifier;
    }

    @Override
    public void find(BundleContext context, Collection<Bundle> bundles) {
        hideFrom(context, bundles);
    }

    @Override
    public void event(BundleEvent event, Collection<BundleContext> contexts) {
        contexts.removeIf(context -> !visible(context.getBundle(), event.getBundle()));
    }

    private void hideFrom(BundleContext context, Collection<Bundle> bundles) {
        Bundle finder = context.getBundle();
        bundles.removeIf(bundle -> !visible(finder, bundle));
    }

    boolean visible(Bundle finder, Bundle found) {
        try {
            return classifier.isCore(finder) || found.getBundleId() == 0 || found.getBundleId() == finder.getBundleId();
        } catch (RuntimeException e) {
            LOG.error("Bundle visibility check failed; hiding the bundle", e);
            return false;
        }
    }
}
