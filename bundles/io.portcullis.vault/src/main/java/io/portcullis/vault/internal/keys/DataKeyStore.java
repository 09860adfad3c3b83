package io.portcullis.vault.internal.keys;

import io.portcullis.store.Database;
import io.portcullis.store.Engine;
import io.portcullis.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The table {@code vault.data_keys}: one wrapped data key per workspace. The workspace methods run in
 * the caller's workspace-bound transaction; the maintenance ones in a transaction that called
 * {@link #maintenance} first (on PostgreSQL, row-level security shows them every row only then).
 */
final class DataKeyStore {

    /** A stored data key: wrapped under the master key {@code masterKeyId}. */
    record Row(String workspaceId, String masterKeyId, byte[] wrapped) {}

    /** SQLSTATE of a unique-constraint violation, on both engines. */
    private static final String UNIQUE_VIOLATION = "23505";

    private static final String COLUMNS = "SELECT workspace_id, master_key_id, wrapped FROM vault.data_keys ";
    private static final String INSERT = "INSERT INTO vault.data_keys"
            + " (workspace_id, master_key_id, wrapped, created_at, wrapped_at) VALUES (?, ?, ?, ?, ?)";

    private final Database database;
    private final Clock clock;

    DataKeyStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    Database database() {
        return database;
    }

    Optional<Row> find(Connection connection, String workspaceId) throws SQLException {
        List<Row> rows = query(connection, COLUMNS + "WHERE workspace_id = ?", workspaceId);
        return rows.stream().findFirst();
    }

    /**
     * Inserts {@code row} unless the workspace has a data key already (created by a concurrent
     * transaction, which this one waits for). False when another key was there first: re-read it.
     */
    boolean insertIfAbsent(Connection connection, Row row) throws SQLException {
        var now = Jdbc.now(clock);
        if (database.engine() == Engine.POSTGRESQL) {
            // An error would abort the caller's whole transaction on PostgreSQL, so the race is not allowed to raise
            // one.
            return Jdbc.update(
                            connection,
                            INSERT + " ON CONFLICT (workspace_id) DO NOTHING",
                            row.workspaceId(),
                            row.masterKeyId(),
                            row.wrapped(),
                            now,
                            now)
                    == 1;
        }
        try {
            return Jdbc.update(connection, INSERT, row.workspaceId(), row.masterKeyId(), row.wrapped(), now, now) == 1;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false; // H2 rolls back the failed statement only, not the transaction
            }
            throw e;
        }
    }

    boolean delete(Connection connection, String workspaceId) throws SQLException {
        return Jdbc.update(connection, "DELETE FROM vault.data_keys WHERE workspace_id = ?", workspaceId) == 1;
    }

    /** Lets this transaction see every workspace's data key (PostgreSQL row-level security). */
    void maintenance(Connection connection) throws SQLException {
        Jdbc.setLocal(database, connection, Sql.SCOPE_SETTING, Sql.ALL);
    }

    List<String> masterKeyIds(Connection connection) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement statement =
                        connection.prepareStatement("SELECT DISTINCT master_key_id FROM vault.data_keys ORDER BY 1");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    Optional<Row> anyUnder(Connection connection, String masterKeyId) throws SQLException {
        return query(
                        connection,
                        COLUMNS + "WHERE master_key_id = ? ORDER BY workspace_id FETCH FIRST 1 ROWS ONLY",
                        masterKeyId)
                .stream()
                .findFirst();
    }

    /** Up to {@code limit} rows not wrapped under {@code masterKeyId}, after {@code afterWorkspace} in id order. */
    List<Row> notUnder(Connection connection, String masterKeyId, String afterWorkspace, int limit)
            throws SQLException {
        return query(
                connection,
                COLUMNS + "WHERE master_key_id <> ? AND workspace_id > ? ORDER BY workspace_id" + " FETCH FIRST "
                        + limit + " ROWS ONLY",
                masterKeyId,
                afterWorkspace);
    }

    long countNotUnder(Connection connection, String masterKeyId) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT COUNT(*) FROM vault.data_keys WHERE master_key_id <> ?")) {
            statement.setString(1, masterKeyId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * Waits for every transaction that is writing data keys to end and holds new writers off until
     * this one ends, so that a count taken after it is exact (PostgreSQL; H2 has no table lock).
     */
    void holdWriters(Connection connection) throws SQLException {
        if (database.engine() == Engine.POSTGRESQL) {
            Jdbc.update(connection, "LOCK TABLE vault.data_keys IN SHARE MODE");
        }
    }

    /** Replaces the wrapping of {@code old} if it is still as read; false when it changed or went meanwhile. */
    boolean rewrap(Connection connection, Row old, String masterKeyId, byte[] wrapped) throws SQLException {
        return Jdbc.update(
                        connection,
                        "UPDATE vault.data_keys SET master_key_id = ?, wrapped = ?, wrapped_at = ?"
                                + " WHERE workspace_id = ? AND master_key_id = ?",
                        masterKeyId,
                        wrapped,
                        Jdbc.now(clock),
                        old.workspaceId(),
                        old.masterKeyId())
                == 1;
    }

    private static List<Row> query(Connection connection, String sql, Object... parameters) throws SQLException {
        List<Row> result = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            Jdbc.bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(new Row(rows.getString(1), rows.getString(2), rows.getBytes(3)));
                }
            }
        }
        return result;
    }
}
