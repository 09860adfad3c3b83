package io.portcullis.store.internal;

import io.portcullis.store.Database;
import io.portcullis.store.DedicatedDatabase;
import io.portcullis.store.Engine;
import io.portcullis.store.SqlWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * {@link Database} on a pool: one connection per transaction, committed when the work returns,
 * rolled back when it throws.
 *
 * <p>On PostgreSQL every transaction first sets {@value Database#WORKSPACE_SETTING} transaction-locally
 * (the id, or empty), so row-level security sees exactly one workspace or none, and nothing survives
 * into the next transaction on the same pooled connection. H2 has no row-level security: nothing is set
 * there, so nothing can leak either; the isolation tests run against both engines.
 */
final class Transactions implements Database {

    static final int MAX_WORKSPACE_ID_LENGTH = 64;
    private static final Pattern WORKSPACE_ID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_WORKSPACE_ID_LENGTH + "}");
    private static final String SET_WORKSPACE = "SELECT set_config('" + WORKSPACE_SETTING + "', ?, true)";

    /** Opens the connections of a {@link #dedicated} database. */
    @FunctionalInterface
    interface PoolFactory {
        DedicatedDatabase open(String name, int connections);
    }

    private final Engine engine;
    private final DataSource dataSource;
    private final @Nullable PoolFactory dedicatedPools;

    Transactions(Engine engine, DataSource dataSource) {
        this(engine, dataSource, null);
    }

    Transactions(Engine engine, DataSource dataSource, @Nullable PoolFactory dedicatedPools) {
        this.engine = engine;
        this.dataSource = dataSource;
        this.dedicatedPools = dedicatedPools;
    }

    @Override
    public DedicatedDatabase dedicated(String name, int connections) {
        return dedicatedPools == null
                ? Database.super.dedicated(name, connections)
                : dedicatedPools.open(name, connections);
    }

    @Override
    public Engine engine() {
        return engine;
    }

    @Override
    public <T> T inWorkspace(String workspaceId, SqlWork<T> work) throws SQLException {
        if (!WORKSPACE_ID.matcher(workspaceId).matches()) {
            // The id is not echoed: it may be whatever a caller was given.
            throw new IllegalArgumentException(
                    "workspace id must be 1.." + MAX_WORKSPACE_ID_LENGTH + " characters of A-Z, a-z, 0-9, '_' or '-'");
        }
        return run(workspaceId, work);
    }

    @Override
    public <T> T inTransaction(SqlWork<T> work) throws SQLException {
        return run("", work);
    }

    private <T> T run(String workspaceId, SqlWork<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            T result;
            try {
                bindWorkspace(connection, workspaceId);
                result = work.run(connection);
                connection.commit();
            } catch (Throwable t) { // rethrown as is: only SQLException or unchecked can get here
                rollback(connection, t);
                restore(connection, autoCommit, t);
                throw t;
            }
            connection.setAutoCommit(autoCommit);
            return result;
        }
    }

    private void bindWorkspace(Connection connection, String workspaceId) throws SQLException {
        if (engine != Engine.POSTGRESQL) {
            return;
        }
        // set_config(..., true) is SET LOCAL with a bind parameter: gone at commit or rollback.
        try (PreparedStatement statement = connection.prepareStatement(SET_WORKSPACE)) {
            statement.setString(1, workspaceId);
            statement.execute();
        }
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Restores auto-commit without hiding the exception that ended the transaction. */
    private static void restore(Connection connection, boolean autoCommit, Throwable cause) {
        try {
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
