package io.portcullis.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.osgi.service.jdbc.DataSourceFactory;

/** Opens the HikariCP pool around the driver's {@link DataSource}. */
final class Pools {

    static final String POOL_NAME = "portcullis";

    private Pools() {}

    /**
     * A pool that has proven it can connect: HikariCP opens one connection before returning (its
     * default fail-fast), so an unreachable database fails the start, not the first request.
     *
     * @throws StoreException with a one-line reason naming the (redacted) URL
     */
    static HikariDataSource open(StoreSettings settings, DataSourceFactory driver) throws StoreException {
        return open(settings, driver, POOL_NAME, settings.maxPoolSize());
    }

    /** A pool named {@code name} of {@code size} connections, opened as {@link #open(StoreSettings, DataSourceFactory)}. */
    static HikariDataSource open(StoreSettings settings, DataSourceFactory driver, String name, int size)
            throws StoreException {
        Properties props = new Properties();
        props.setProperty(DataSourceFactory.JDBC_URL, settings.url());
        if (!settings.user().isEmpty()) {
            props.setProperty(DataSourceFactory.JDBC_USER, settings.user());
        }
        if (!settings.password().isEmpty()) {
            props.setProperty(DataSourceFactory.JDBC_PASSWORD, settings.password());
        }
        DataSource raw;
        try {
            raw = driver.createDataSource(props);
        } catch (SQLException e) {
            throw failure("cannot use the database URL '" + settings.safeUrl() + "'", e, settings);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setDataSource(raw);
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(TimeUnit.SECONDS.toMillis(10));
        config.setValidationTimeout(TimeUnit.SECONDS.toMillis(1));
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) { // HikariPool.PoolInitializationException, wrapping the driver's
            throw failure("cannot connect to the database at '" + settings.safeUrl() + "'", e, settings);
        }
    }

    private static StoreException failure(String what, Exception e, StoreSettings settings) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return new StoreException(what + ": " + JdbcUrls.oneLine(detail, settings.password()), e);
    }
}
