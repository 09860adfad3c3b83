package io.portcullis.store.health;

import java.util.Collection;
import java.util.Collections;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the launcher that the server cannot start. The launcher registers a
 * {@code Consumer<String>} with {@value #FILTER}; given a reason it prints that one line, stops the
 * framework and exits non-zero. Without it (integration tests) the reason is only logged. Never exits
 * the process itself. In the store bundle because every core bundle depends on it, and not in the SPI
 * because plugins must not stop the server.
 */
public final class StartupFailures {

    /** The filter of the launcher's service. */
    public static final String FILTER = "(portcullis.role=startup-failure)";

    private static final Logger LOG = LoggerFactory.getLogger(StartupFailures.class);

    private StartupFailures() {}

    /** Reports {@code reason}, one line naming the part and the property to fix, with no secret in it. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static void report(BundleContext context, String reason) {
        Collection<ServiceReference<Consumer>> references;
        try {
            references = context.getServiceReferences(Consumer.class, FILTER);
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return; // the filter is a constant; a stopping bundle has no one to tell
        }
        if (references.isEmpty()) {
            LOG.debug("No startup-failure consumer registered; the failure is only logged");
            return;
        }
        ServiceReference<Consumer> best = Collections.max(references); // highest ranking
        Consumer consumer = context.getService(best);
        if (consumer == null) {
            return;
        }
        try {
            consumer.accept(reason);
        } catch (RuntimeException e) {
            LOG.warn("The startup-failure consumer failed", e);
        } finally {
            context.ungetService(best);
        }
    }
}
