package io.portcullis.launcher;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the vault's redactor service, a {@code UnaryOperator<String>} with
 * {@code portcullis.role=redactor}, from the system bundle: only java.* types cross, so the
 * launcher imports no Portcullis package. Hands the highest-ranked one to the log filter, and
 * {@code null} when the last one goes away. Only a core bundle's service counts: the system bundle or
 * a bundle whose location's real path lies in the core folder ({@code portcullis.core.dir}), so a
 * plugin registering the same interface and role never becomes the redactor (the service hooks hide
 * nothing from core bundles, the launcher included).
 */
final class RedactorTracker implements ServiceTrackerCustomizer<Object, Object> {

    static final String FILTER = "(&(objectClass=java.util.function.UnaryOperator)(portcullis.role=redactor))";

    private static final Logger LOG = LoggerFactory.getLogger(RedactorTracker.class);

    private final BundleContext context;
    private final Consumer<UnaryOperator<String>> sink;
    private final Map<ServiceReference<Object>, UnaryOperator<String>> redactors = new HashMap<>();

    private RedactorTracker(BundleContext context, Consumer<UnaryOperator<String>> sink) {
        this.context = context;
        this.sink = sink;
    }

    /** Starts following the redactors of {@code context}'s framework; close the tracker to stop. */
    static ServiceTracker<Object, Object> open(BundleContext context, Consumer<UnaryOperator<String>> sink) {
        ServiceTracker<Object, Object> tracker;
        try {
            tracker = new ServiceTracker<>(context, context.createFilter(FILTER), new RedactorTracker(context, sink));
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("the redactor filter is a constant", e);
        }
        tracker.open(true);
        return tracker;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object addingService(ServiceReference<Object> reference) {
        if (!fromCore(reference)) {
            LOG.warn(
                    "Redactor service '{}' ignored: not registered by a core bundle",
                    reference.getProperty("service.id"));
            return null;
        }
        Object service = context.getService(reference);
        if (!(service instanceof UnaryOperator<?> redactor)) {
            if (service != null) {
                context.ungetService(reference);
            }
            return null;
        }
        synchronized (redactors) {
            redactors.put(reference, (UnaryOperator<String>) redactor);
            publish();
        }
        LOG.info("Log redaction on: redactor service '{}'", reference.getProperty("service.id"));
        return service;
    }

    /** A new service ranking may change which redactor leads. */
    @Override
    public void modifiedService(ServiceReference<Object> reference, Object service) {
        synchronized (redactors) {
            publish();
        }
    }

    @Override
    public void removedService(ServiceReference<Object> reference, Object service) {
        boolean none;
        synchronized (redactors) {
            redactors.remove(reference);
            publish();
            none = redactors.isEmpty();
        }
        try {
            context.ungetService(reference);
        } catch (IllegalStateException e) {
            // the framework is stopping
        }
        if (none) {
            LOG.info("Log redaction off: no redactor service");
        }
    }

    /** True when the service's bundle is the system bundle or lies in the core folder, by real path. */
    private boolean fromCore(ServiceReference<Object> reference) {
        Bundle bundle = reference.getBundle();
        if (bundle == null) {
            return false; // unregistered meanwhile
        }
        if (bundle.getBundleId() == 0) {
            return true;
        }
        String coreDir = context.getProperty("portcullis.core.dir");
        if (coreDir == null || coreDir.isBlank()) {
            return true; // an embedded framework without a core folder: nothing to tell by
        }
        String location = bundle.getLocation();
        location = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        if (!location.startsWith("file:")) {
            return false;
        }
        try {
            Path file = Path.of(URI.create(location)).toRealPath();
            return file.startsWith(Path.of(coreDir).toRealPath());
        } catch (IOException | RuntimeException e) {
            return false; // not provably in the core folder
        }
    }

    private void publish() {
        sink.accept(redactors.isEmpty() ? null : redactors.get(Collections.max(redactors.keySet())));
    }
}
