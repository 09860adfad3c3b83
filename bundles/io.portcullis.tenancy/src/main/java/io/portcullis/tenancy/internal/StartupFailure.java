package io.portcullis.tenancy.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the launcher that the server cannot start, as the store does: through the
 * {@code Consumer<String>} registered with {@value #FILTER}, which prints the reason and exits
 * non-zero. Absent (in integration tests), the reason is only logged.
 */
final class StartupFailure {

    static final String FILTER = "(portcullis.role=startup-failure)";

    private static final Logger LOG = LoggerFactory.getLogger(StartupFailure.class);

    private StartupFailure() {}

    @SuppressWarnings({"rawtypes", "unchecked"})
    static void report(BundleContext context, String reason) {
        Collection<ServiceReference<Consumer>> references;
        try {
            references = context.getServiceReferences(Consumer.class, FILTER);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // a constant filter
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
