package io.portcullis.vault.internal.keys;

import io.portcullis.store.Database;
import io.portcullis.store.Engine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** JDBC helpers of the key store (a copy of the part of tenancy's it needs: that one is package-private). */
final class Sql {

    /** Transaction-local setting that lets maintenance (rotation, start-up check) see every data key. */
    static final String SCOPE_SETTING = "portcullis.vault_scope";

    static final String ALL = "all";

    private Sql() {}

    /** Microseconds: what PostgreSQL keeps, so a value reads back as it was written. */
    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Sets a transaction-local setting that row-level security reads; a no-op on H2, which has none.
     * Only inside a {@link Database} transaction, so it is gone at commit or rollback.
     */
    static void setLocal(Database database, Connection connection, String setting, String value) throws SQLException {
        if (database.engine() != Engine.POSTGRESQL) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT set_config(?, ?, true)")) {
            statement.setString(1, setting);
            statement.setString(2, value);
            statement.execute();
        }
    }

    static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        }
    }

    static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] instanceof Instant instant) {
                statement.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
            } else {
                statement.setObject(i + 1, parameters[i]);
            }
        }
    }
}
