package io.portcullis.models.internal.metering;

import io.portcullis.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Where metering reads "now": the database's clock ({@link #DATABASE}), so the burst limits, periods
 * and expiries of several nodes agree whatever their own clocks say; tests move a clock of their own.
 */
@FunctionalInterface
public interface DbTime {

    /** The database's {@code CURRENT_TIMESTAMP} (PostgreSQL: the transaction's start). */
    DbTime DATABASE = connection -> Jdbc.one(
                    connection, rows -> Jdbc.requiredInstant(rows, "now"), "SELECT CURRENT_TIMESTAMP AS now")
            .orElseThrow()
            .truncatedTo(ChronoUnit.MICROS);

    /** Now, inside the transaction of {@code connection}. */
    Instant now(Connection connection) throws SQLException;

    /** {@code clock} instead of the database's, for tests. */
    static DbTime of(Clock clock) {
        return connection -> Jdbc.now(clock);
    }
}
