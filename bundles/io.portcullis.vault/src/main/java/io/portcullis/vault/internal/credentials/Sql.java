package io.portcullis.vault.internal.credentials;

import io.portcullis.store.Jdbc;
import java.sql.SQLException;

/**
 * The credential store's own part of the JDBC helpers (the generic ones are the store's
 * {@link Jdbc}): the scope setting and unique violations.
 */
final class Sql {

    /** Transaction-local setting that lets the start-up load read every workspace's rows (PostgreSQL). */
    static final String SCOPE_SETTING = "portcullis.vault_scope";

    /** SQLSTATE of a unique-constraint violation, the same on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    private Sql() {}

    static boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
