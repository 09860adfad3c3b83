package io.portcullis.store.internal;

import io.portcullis.store.Database;
import io.portcullis.store.Engine;
import javax.sql.DataSource;

/**
 * Lets suites in other bundles' packages run on the store's own {@link Database} implementation
 * ({@link Transactions}, package-private) without OSGi. Benchmarks only.
 */
public final class BenchmarkDatabases {

    private BenchmarkDatabases() {}

    /** The store's transactions on {@code dataSource}, as the store registers them. */
    public static Database transactions(Engine engine, DataSource dataSource) {
        return new Transactions(engine, dataSource);
    }
}
