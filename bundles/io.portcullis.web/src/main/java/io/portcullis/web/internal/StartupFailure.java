package io.portcullis.web.internal;

import java.util.Collection;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a fatal start-up problem to the launcher's {@code Consumer<String>} service registered
 * with {@code portcullis.role=startup-failure}; the launcher then stops with that one line. Without
 * the service (integration tests), the line is only logged.
 */
final class StartupFailure implements Consumer<String> {

    private static final Logger LOG = LoggerFactory.getLogger(StartupFailure.class);
    static final String FILTER = "(portcullis.role=startup-failure)";

    private final BundleContext context;

    StartupFailure(BundleContext context) {
        this.context = context;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void accept(String reason) {
        LOG.warn("{}", reason);
        Collection<ServiceReference<Consumer>> references;
        try {
            references = context.getServiceReferences(Consumer.class, FILTER);
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return; // the filter is a constant; a stopping bundle has no one to tell
        }
        for (ServiceReference<Consumer> reference : references) {
            Consumer handler = context.getService(reference);
            if (handler != null) {
                try {
                    handler.accept(reason);
                } finally {
                    context.ungetService(reference);
                }
                return;
            }
        }
    }
}
