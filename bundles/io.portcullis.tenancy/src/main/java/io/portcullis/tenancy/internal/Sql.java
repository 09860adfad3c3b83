package io.portcullis.tenancy.internal;

import io.portcullis.store.Jdbc;
import io.portcullis.tenancy.Role;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Tenancy's own part of the JDBC helpers (the generic ones are the store's {@link Jdbc}): the API-key
 * setting and roles, which are stored by {@link Role#id()}, so a statement binds {@code role.id()}.
 */
final class Sql {

    /** Transaction-local setting naming the one API key an authentication may read (PostgreSQL). */
    static final String KEY_SETTING = "portcullis.key_id";

    private Sql() {}

    static Role role(ResultSet rows, String column) throws SQLException {
        String id = rows.getString(column);
        return Role.parse(id == null ? "" : id).orElseThrow(() -> new SQLException("unknown role in " + column));
    }
}
