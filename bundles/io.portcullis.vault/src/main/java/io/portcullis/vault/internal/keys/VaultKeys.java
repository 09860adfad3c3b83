package io.portcullis.vault.internal.keys;

import io.portcullis.store.Database;
import io.portcullis.store.Engine;
import io.portcullis.store.health.StartupFailures;
import io.portcullis.web.RouteProvider;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the master key, checks that it unwraps the stored data keys, resumes an unfinished rotation,
 * then registers {@link WorkspaceKeys} and the rotation routes. Registration is by hand, after the
 * check: when the key is wrong nothing is registered (no partial start: the credential components
 * that need {@link WorkspaceKeys} never activate) and, on the bundle's first activation, the launcher
 * is told to stop with the one-line reason.
 */
@Component(
        service = {},
        immediate = true)
public final class VaultKeys {

    /** Framework property naming the data folder, set by the launcher. */
    static final String DATA_PROPERTY = "portcullis.data";

    /** H2 has no table lock to wait out in-flight seals before a rotation's last check: it waits this long. */
    private static final Duration H2_SETTLE = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(VaultKeys.class);
    private static final AtomicBoolean FIRST_ACTIVATION = new AtomicBoolean(true);

    private final @Nullable MasterKeyRotation rotation;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public VaultKeys(BundleContext context, @Reference(target = "(portcullis.schema=vault)") Database database) {
        this(context, database, System.getenv(), FIRST_ACTIVATION.getAndSet(false), Rotation.BATCH, Rotation::ignore);
    }

    VaultKeys(
            BundleContext context,
            Database database,
            Map<String, String> env,
            boolean first,
            int batchSize,
            Rotation.BatchListener listener) {
        String data = context.getProperty(DATA_PROPERTY);
        Path dataDir = Path.of(data == null || data.isBlank() ? "data" : data);
        MasterKeyRotation started = null;
        try {
            LoadedKeys loaded = MasterKeys.load(env, dataDir);
            Keyring keyring = Keyring.of(loaded);
            Clock clock = Clock.systemUTC();
            DataKeyStore store = new DataKeyStore(database, clock);
            StartupCheck.verify(store, keyring, loaded);
            Duration settle = database.engine() == Engine.H2 ? H2_SETTLE : Duration.ZERO;
            started = new MasterKeyRotation(
                    loaded, keyring, new Rotation(store, keyring, clock, batchSize, settle, listener));
            started.resume();
            registrations.add(context.registerService(WorkspaceKeys.class, new DataKeys(store, keyring), null));
            registrations.add(context.registerService(RouteProvider.class, new RotationRoutes(started), null));
            LOG.info(
                    "Vault keys ready under master key id '{}'",
                    keyring.current().id());
        } catch (MasterKeyException e) {
            refuse(context, first, e.getMessage());
        } catch (SQLException e) {
            refuse(context, first, "the data keys cannot be read (SQLSTATE " + e.getSQLState() + ")");
        }
        this.rotation = started;
    }

    private static void refuse(BundleContext context, boolean first, String reason) {
        LOG.error("Vault did not start: {}", reason);
        if (first) {
            StartupFailures.report(context, "vault: " + reason);
        }
    }

    /** True when the start-up check passed and the services are registered. */
    boolean started() {
        return !registrations.isEmpty();
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and its registrations went first
            }
        }
        registrations.clear();
        if (rotation != null) {
            rotation.close();
        }
    }
}
