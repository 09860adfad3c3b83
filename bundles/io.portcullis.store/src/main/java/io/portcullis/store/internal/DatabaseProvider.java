package io.portcullis.store.internal;

import io.portcullis.store.Engine;
import io.portcullis.store.health.HealthCheck;
import io.portcullis.store.health.StartupFailures;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store component: validates the settings, opens the pool and starts the {@link StoreRuntime}.
 *
 * <p>Both drivers always ship, so both are static mandatory references: the component activates once,
 * with whichever the URL needs, and never races a driver that starts later. If either driver bundle is
 * missing the store stays unsatisfied, and readiness reports the absent {@code database} check.
 *
 * <p>A start that fails registers a {@code database} health check naming the reason (readiness answers
 * 503 with it) and, on the first activation in this bundle's life, tells the launcher's
 * {@link StartupFailures} consumer. A configuration change re-activates the component and retries.
 */
@Component(
        service = {},
        immediate = true,
        configurationPid = StoreConfig.PID,
        // Wait for config/io.portcullis.store.cfg: starting on defaults first would open an H2
        // database the configuration may be about to replace.
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = StoreConfig.class)
public final class DatabaseProvider {

    /** Framework property naming the data folder, set by the launcher. */
    static final String DATA_PROPERTY = "portcullis.data";

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseProvider.class);

    /** Static on purpose: "first activation" means in this bundle's class loader's life. */
    private static final AtomicBoolean FIRST_ACTIVATION = new AtomicBoolean(true);

    private final @Nullable StoreRuntime runtime;
    private final @Nullable ServiceRegistration<HealthCheck> failure;

    /** The DS constructor: the environment is the process's. */
    @Activate
    public DatabaseProvider(
            BundleContext context,
            StoreConfig config,
            @Reference(name = "h2", target = "(osgi.jdbc.driver.class=org.h2.Driver)") DataSourceFactory h2,
            @Reference(name = "postgresql", target = "(osgi.jdbc.driver.class=org.postgresql.Driver)")
                    DataSourceFactory postgresql) {
        this(context, config, h2, postgresql, System.getenv());
    }

    DatabaseProvider(
            BundleContext context,
            StoreConfig config,
            DataSourceFactory h2,
            DataSourceFactory postgresql,
            Map<String, String> env) {
        boolean first = FIRST_ACTIVATION.getAndSet(false);
        Path dataDir = Path.of(propertyOr(context, DATA_PROPERTY, "data"));
        StoreRuntime started = null;
        ServiceRegistration<HealthCheck> failed = null;
        try {
            StoreSettings settings = StoreSettings.from(config, env, dataDir);
            if (settings.h2Folder() != null) {
                DataFolder.prepare(settings.h2Folder());
            }
            if (settings.engine() == Engine.H2) {
                H2Recovery.repairIfUnclean(settings.url()); // see there: H2 may miss its last commits otherwise
            }
            DataSourceFactory driver = settings.engine() == Engine.H2 ? h2 : postgresql;
            started = StoreRuntime.start(
                    context, settings, driver, dataDir.toAbsolutePath().resolve("db"));
            LOG.info("Store started on {} at '{}'", settings.engine(), settings.safeUrl());
        } catch (StoreException e) {
            LOG.error("Store did not start: {}", e.getMessage());
            failed = context.registerService(HealthCheck.class, new FailedCheck("store: " + e.getMessage()), null);
            if (first) {
                StartupFailures.report(context, "store: " + e.getMessage());
            }
        }
        this.runtime = started;
        this.failure = failed;
    }

    @Deactivate
    void deactivate() {
        if (failure != null) {
            failure.unregister();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    private static String propertyOr(BundleContext context, String key, String fallback) {
        String value = context.getProperty(key);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The {@code database} check of a store that did not start: always failing, with the reason. */
    private record FailedCheck(String problem) implements HealthCheck {

        @Override
        public String name() {
            return DatabaseHealthCheck.NAME;
        }
    }
}
