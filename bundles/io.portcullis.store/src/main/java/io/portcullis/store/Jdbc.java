package io.portcullis.store;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * JDBC helpers for the work a {@link Database} runs, alike on H2 and PostgreSQL: instants as
 * {@code TIMESTAMP WITH TIME ZONE} at microsecond precision, positional parameters, queries read
 * with a {@link RowMapper}, and transaction-local settings for row-level security.
 *
 * <p>Stateless and thread-safe; every method blocks on the connection it is given and leaves it open.
 */
public final class Jdbc {

    private Jdbc() {}

    /** Now, truncated to microseconds: what PostgreSQL keeps, so a value reads back as it was written. */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Sets parameter {@code index} (1-based) to {@code instant} in UTC, or to SQL NULL. */
    public static void setInstant(PreparedStatement statement, int index, @Nullable Instant instant)
            throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
        }
    }

    /** The instant in {@code column} of the current row, or null where the column is NULL. */
    public static @Nullable Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The instant in {@code column} of the current row; an {@link SQLException} naming it where it is NULL. */
    public static Instant requiredInstant(ResultSet rows, String column) throws SQLException {
        Instant value = instant(rows, column);
        if (value == null) {
            throw new SQLException("column " + column + " is null");
        }
        return value;
    }

    /**
     * Binds {@code parameters} in order from index 1: an {@link Instant} as by {@link #setInstant}, a
     * {@code byte[]} as bytes, anything else (null included) with {@link PreparedStatement#setObject}.
     */
    public static void bind(PreparedStatement statement, @Nullable Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object parameter = parameters[i];
            if (parameter instanceof Instant instant) {
                setInstant(statement, i + 1, instant);
            } else if (parameter instanceof byte[] bytes) {
                statement.setBytes(i + 1, bytes);
            } else {
                statement.setObject(i + 1, parameter);
            }
        }
    }

    /** Runs an INSERT, UPDATE or DELETE with {@code parameters} bound by {@link #bind}; the row count. */
    public static int update(Connection connection, String sql, @Nullable Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        }
    }

    /** Runs a query with {@code parameters} bound by {@link #bind}; every row, mapped, in the order read. */
    public static <T> List<T> list(
            Connection connection, RowMapper<T> mapper, String sql, @Nullable Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            List<T> result = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
            }
            return result;
        }
    }

    /** As {@link #list}, the first row only; empty when the query finds none. */
    public static <T> Optional<T> one(
            Connection connection, RowMapper<T> mapper, String sql, @Nullable Object... parameters)
            throws SQLException {
        List<T> rows = list(connection, mapper, sql, parameters);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /**
     * Sets a transaction-local setting ({@code set_config(setting, value, true)}) that row-level
     * security policies read; a no-op on H2, which has none. Call it only inside a {@link Database}
     * transaction, so the setting is gone at commit or rollback.
     */
    public static void setLocal(Database database, Connection connection, String setting, String value)
            throws SQLException {
        if (database.engine() != Engine.POSTGRESQL) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT set_config(?, ?, true)")) {
            statement.setString(1, setting);
            statement.setString(2, value);
            statement.execute();
        }
    }

    /** Whether {@code e}, or an exception it wraps, is a unique-constraint violation (SQLSTATE 23505 on both engines). */
    public static boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
