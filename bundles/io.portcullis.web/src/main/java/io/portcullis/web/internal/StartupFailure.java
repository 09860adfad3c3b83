package io.portcullis.web.internal;

import io.portcullis.store.health.StartupFailures;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The web server's start-up failures: logged, then reported to the launcher through {@link StartupFailures}. */
final class StartupFailure implements Consumer<String> {

    private static final Logger LOG = LoggerFactory.getLogger(StartupFailure.class);

    private final BundleContext context;

    StartupFailure(BundleContext context) {
        this.context = context;
    }

    @Override
    public void accept(String reason) {
        LOG.warn("{}", reason);
        StartupFailures.report(context, reason);
    }
}
