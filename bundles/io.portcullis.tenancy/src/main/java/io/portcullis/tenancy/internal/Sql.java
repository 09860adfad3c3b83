package io.portcullis.tenancy.internal;

import io.portcullis.store.Database;
import io.portcullis.store.Engine;
import io.portcullis.tenancy.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/** JDBC helpers shared by the stores: timestamps as {@code TIMESTAMP WITH TIME ZONE}, roles, settings. */
final class Sql {

    /** Transaction-local setting naming the one API key an authentication may read (PostgreSQL). */
    static final String KEY_SETTING = "portcullis.key_id";

    private Sql() {}

    /** Microseconds: what PostgreSQL keeps, so a value reads back as it was written. */
    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static void setInstant(PreparedStatement statement, int index, @Nullable Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
        }
    }

    static @Nullable Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Instant requiredInstant(ResultSet rows, String column) throws SQLException {
        Instant value = instant(rows, column);
        if (value == null) {
            throw new SQLException("column " + column + " is null");
        }
        return value;
    }

    static Role role(ResultSet rows, String column) throws SQLException {
        String id = rows.getString(column);
        return Role.parse(id == null ? "" : id).orElseThrow(() -> new SQLException("unknown role in " + column));
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
            Object parameter = parameters[i];
            if (parameter instanceof Instant instant) {
                setInstant(statement, i + 1, instant);
            } else if (parameter instanceof Role role) {
                statement.setString(i + 1, role.id());
            } else {
                statement.setObject(i + 1, parameter);
            }
        }
    }
}
