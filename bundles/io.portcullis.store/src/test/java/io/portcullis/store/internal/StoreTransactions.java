package io.portcullis.store.internal;

import io.portcullis.store.Database;
import io.portcullis.store.DedicatedDatabase;
import io.portcullis.store.Engine;
import javax.sql.DataSource;

/**
 * Gives the tests of other bundles, through this module's test-jar, the store's own {@link Database}
 * implementation ({@link Transactions} is package-private), so they run on the code production
 * runs, without OSGi.
 */
public final class StoreTransactions {

    private StoreTransactions() {}

    public static Database on(Engine engine, DataSource dataSource) {
        return new Transactions(engine, dataSource);
    }

    /**
     * The store's {@link Database} on {@code pool}, whose {@link Database#dedicated} databases take their
     * connections from {@code ownConnections} instead, as production's take a pool of their own.
     */
    public static Database pooled(Engine engine, DataSource pool, DataSource ownConnections) {
        return new Transactions(
                engine,
                pool,
                (name, size) -> DedicatedDatabase.of(new Transactions(engine, ownConnections), () -> {
                    // the test owns the data source
                }));
    }
}
