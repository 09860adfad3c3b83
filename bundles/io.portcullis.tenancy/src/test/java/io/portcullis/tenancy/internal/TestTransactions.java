package io.portcullis.tenancy.internal;

import io.portcullis.store.Database;
import io.portcullis.store.Engine;
import io.portcullis.store.SqlWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The store's transaction contract, as its {@code Transactions} implements it, for tests without OSGi. */
final class TestTransactions implements Database {

    private final Engine engine;
    private final DataSource dataSource;

    TestTransactions(Engine engine, DataSource dataSource) {
        this.engine = engine;
        this.dataSource = dataSource;
    }

    @Override
    public Engine engine() {
        return engine;
    }

    @Override
    public <T> T inWorkspace(String workspaceId, SqlWork<T> work) throws SQLException {
        if (!workspaceId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("workspace id");
        }
        return run(workspaceId, work);
    }

    @Override
    public <T> T inTransaction(SqlWork<T> work) throws SQLException {
        return run("", work);
    }

    private <T> T run(String workspaceId, SqlWork<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (engine == Engine.POSTGRESQL) {
                    try (PreparedStatement statement =
                            connection.prepareStatement("SELECT set_config('" + WORKSPACE_SETTING + "', ?, true)")) {
                        statement.setString(1, workspaceId);
                        statement.execute();
                    }
                }
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (Throwable t) {
                connection.rollback();
                throw t;
            }
        }
    }
}
