package io.portcullis.store.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.portcullis.store.Database;
import io.portcullis.store.DedicatedDatabase;
import io.portcullis.store.health.HealthCheck;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.sql.DataSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.util.tracker.BundleTracker;

/**
 * Everything the store runs once the database is reachable: the pool, its services and the migration
 * extender. Closing it undoes all of it, in reverse order, and works after a partial start too.
 */
final class StoreRuntime implements AutoCloseable {

    private final BundleContext context;
    private final HikariDataSource pool;
    private final Transactions database;
    private final DatabaseHealthCheck health;
    private final BundleTracker<SchemaExtender.Claim> extender;
    private final Deque<ServiceRegistration<?>> registrations = new ArrayDeque<>();
    private final List<HikariDataSource> dedicatedPools = new ArrayList<>();

    private StoreRuntime(
            BundleContext context,
            StoreSettings settings,
            HikariDataSource pool,
            Path snapshotFolder,
            DataSourceFactory driver) {
        this.context = context;
        this.pool = pool;
        this.database =
                new Transactions(settings.engine(), pool, (name, size) -> dedicated(settings, driver, name, size));
        this.health = new DatabaseHealthCheck(pool);
        SchemaMigrator migrator = new SchemaMigrator(settings.engine(), pool, snapshotFolder);
        this.extender = new BundleTracker<>(
                context, Bundle.STARTING | Bundle.ACTIVE, new SchemaExtender(context, migrator, database));
    }

    /**
     * Opens the pool (proving the database reachable), registers the {@link DataSource} and the global
     * {@link Database}, migrates the bundles already started, and only then registers the
     * {@code database} {@link HealthCheck}, so readiness waits for those migrations.
     *
     * @param snapshotFolder where H2 snapshots go while migrating
     */
    static StoreRuntime start(
            BundleContext context, StoreSettings settings, DataSourceFactory driver, Path snapshotFolder)
            throws StoreException {
        StoreRuntime runtime =
                new StoreRuntime(context, settings, Pools.open(settings, driver), snapshotFolder, driver);
        try {
            runtime.open();
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    /**
     * A pool of its own for one component (see {@link io.portcullis.store.Database#dedicated}); closed
     * by its user, or with the store at the latest.
     */
    private DedicatedDatabase dedicated(StoreSettings settings, DataSourceFactory driver, String name, int size) {
        HikariDataSource own;
        try {
            own = Pools.open(settings, driver, Pools.POOL_NAME + "-" + name, size);
        } catch (StoreException e) {
            throw new IllegalStateException("store: " + e.getMessage(), e);
        }
        synchronized (dedicatedPools) {
            dedicatedPools.add(own);
        }
        return DedicatedDatabase.of(new Transactions(settings.engine(), own), () -> {
            synchronized (dedicatedPools) {
                dedicatedPools.remove(own);
            }
            own.close();
        });
    }

    private void open() {
        registrations.push(context.registerService(DataSource.class, pool, null));
        registrations.push(context.registerService(Database.class, database, null));
        extender.open();
        registrations.push(context.registerService(HealthCheck.class, health, null));
    }

    @Override
    public void close() {
        // Health first (readiness drops), then the bundles' Database services, then the global ones.
        if (registrations.size() == 3) {
            unregister(registrations.pop());
        }
        extender.close();
        while (!registrations.isEmpty()) {
            unregister(registrations.pop());
        }
        health.close();
        synchronized (dedicatedPools) {
            dedicatedPools.forEach(HikariDataSource::close);
            dedicatedPools.clear();
        }
        pool.close();
    }

    private static void unregister(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // The framework unregisters a stopping bundle's services itself.
        }
    }
}
