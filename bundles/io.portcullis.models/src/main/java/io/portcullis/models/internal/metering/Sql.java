package io.portcullis.models.internal.metering;

import io.portcullis.store.Database;
import io.portcullis.store.Engine;
import io.portcullis.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/** SQL that differs between H2 and PostgreSQL. */
final class Sql {

    private Sql() {}

    /**
     * Runs {@code insert} unless its row's key exists; 1 when it inserted, 0 when the row was there
     * (or another transaction inserted it first). PostgreSQL: {@code ON CONFLICT DO NOTHING}, which
     * keeps the transaction usable; H2 (no such clause outside its PostgreSQL mode): the duplicate-key
     * error, after which an H2 transaction goes on.
     */
    static int insertIfAbsent(Database database, Connection connection, String insert, @Nullable Object... parameters)
            throws SQLException {
        if (database.engine() == Engine.POSTGRESQL) {
            return Jdbc.update(connection, insert + " ON CONFLICT DO NOTHING", parameters);
        }
        try {
            return Jdbc.update(connection, insert, parameters);
        } catch (SQLException e) {
            if (Jdbc.isUniqueViolation(e)) {
                return 0;
            }
            throw e;
        }
    }
}
