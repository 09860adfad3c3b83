package io.portcullis.store.internal;

import io.portcullis.store.health.HealthCheck;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The {@code database} readiness check: borrows a connection and asks the driver whether it is valid,
 * on its own thread so that the answer comes within {@link #TIMEOUT_MS} even when the pool is
 * exhausted or the network hangs. Reasons name the SQL state, never the URL or credentials.
 */
final class DatabaseHealthCheck implements HealthCheck, AutoCloseable {

    static final String NAME = "database";
    static final long TIMEOUT_MS = 1000;

    private final DataSource dataSource;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "portcullis-store-health");
        thread.setDaemon(true);
        return thread;
    });
    private @Nullable Future<@Nullable String> running;

    DatabaseHealthCheck(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public @Nullable String problem() {
        Future<@Nullable String> check;
        try {
            check = start();
        } catch (RejectedExecutionException e) {
            return "database check closed";
        }
        try {
            return check.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return "database did not answer within " + TIMEOUT_MS + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "database check interrupted";
        } catch (ExecutionException e) {
            return "database check failed: " + e.getCause().getClass().getSimpleName();
        }
    }

    /** Joins a check still running (a hung one) instead of queueing another behind it. */
    private synchronized Future<@Nullable String> start() {
        Future<@Nullable String> current = running;
        if (current == null || current.isDone()) {
            current = executor.submit(this::check);
            running = current;
        }
        return current;
    }

    private @Nullable String check() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid((int) TimeUnit.MILLISECONDS.toSeconds(TIMEOUT_MS))
                    ? null
                    : "database connection is not valid";
        } catch (SQLException e) {
            return "database unavailable (SQL state " + e.getSQLState() + ")";
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
