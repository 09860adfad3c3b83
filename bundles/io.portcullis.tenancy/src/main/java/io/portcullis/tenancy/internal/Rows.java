package io.portcullis.tenancy.internal;

import io.portcullis.store.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads rows into the {@link Records}; the column lists keep every query of a table alike. */
final class Rows {

    static final String WORKSPACE_COLUMNS = "id, name, created_at";
    static final String MEMBER_COLUMNS = "id, workspace_id, name, role, created_at";
    static final String KEY_COLUMNS = "id, workspace_id, member_id, name, role, secret_hash, created_at, "
            + "last_used_at, expires_at, revoked_at, grace_until";
    /** The key columns of {@code tenancy.api_keys k} with its member's role, of {@code tenancy.members m}. */
    static final String LISTED_KEY_COLUMNS = "k." + KEY_COLUMNS.replace(", ", ", k.") + ", m.role AS member_role";

    static final String LISTED_KEY_FROM = " FROM tenancy.api_keys k JOIN tenancy.members m"
            + " ON m.workspace_id = k.workspace_id AND m.id = k.member_id ";

    private Rows() {}

    static Records.Workspace workspace(ResultSet rows) throws SQLException {
        return new Records.Workspace(
                rows.getString("id"), rows.getString("name"), Jdbc.requiredInstant(rows, "created_at"));
    }

    static Records.Member member(ResultSet rows) throws SQLException {
        return new Records.Member(
                rows.getString("id"),
                rows.getString("workspace_id"),
                rows.getString("name"),
                Sql.role(rows, "role"),
                Jdbc.requiredInstant(rows, "created_at"));
    }

    static Records.Key key(ResultSet rows) throws SQLException {
        return new Records.Key(
                rows.getString("id"),
                rows.getString("workspace_id"),
                rows.getString("member_id"),
                rows.getString("name"),
                Sql.role(rows, "role"),
                SecretHash.parseHex(rows.getString("secret_hash")),
                Jdbc.requiredInstant(rows, "created_at"),
                Jdbc.instant(rows, "last_used_at"),
                Jdbc.instant(rows, "expires_at"),
                Jdbc.instant(rows, "revoked_at"),
                Jdbc.instant(rows, "grace_until"));
    }

    static Records.ListedKey listedKey(ResultSet rows) throws SQLException {
        Records.Key key = key(rows);
        return new Records.ListedKey(key, io.portcullis.tenancy.Role.min(key.role(), Sql.role(rows, "member_role")));
    }

    static long count(Connection connection, String sql, Object... parameters) throws SQLException {
        return Jdbc.one(connection, rows -> rows.getLong(1), sql, parameters).orElse(0L);
    }
}
