package io.portcullis.tenancy.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads rows into the {@link Records}; the column lists keep every query of a table alike. */
final class Rows {

    static final String WORKSPACE_COLUMNS = "id, name, created_at";
    static final String MEMBER_COLUMNS = "id, workspace_id, name, role, created_at";
    static final String KEY_COLUMNS = "id, workspace_id, member_id, name, role, secret_hash, created_at, "
            + "last_used_at, expires_at, revoked_at, grace_until";

    @FunctionalInterface
    interface Reader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private Rows() {}

    static <T> List<T> list(Connection connection, Reader<T> reader, String sql, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            Sql.bind(statement, parameters);
            List<T> result = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(reader.read(rows));
                }
            }
            return result;
        }
    }

    static <T> Optional<T> one(Connection connection, Reader<T> reader, String sql, Object... parameters)
            throws SQLException {
        List<T> rows = list(connection, reader, sql, parameters);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    static Records.Workspace workspace(ResultSet rows) throws SQLException {
        return new Records.Workspace(rows.getString("id"), rows.getString("name"), Sql.requiredInstant(rows, "created_at"));
    }

    static Records.Member member(ResultSet rows) throws SQLException {
        return new Records.Member(
                rows.getString("id"),
                rows.getString("workspace_id"),
                rows.getString("name"),
                Sql.role(rows, "role"),
                Sql.requiredInstant(rows, "created_at"));
    }

    static Records.Key key(ResultSet rows) throws SQLException {
        return new Records.Key(
                rows.getString("id"),
                rows.getString("workspace_id"),
                rows.getString("member_id"),
                rows.getString("name"),
                Sql.role(rows, "role"),
                SecretHash.parseHex(rows.getString("secret_hash")),
                Sql.requiredInstant(rows, "created_at"),
                Sql.instant(rows, "last_used_at"),
                Sql.instant(rows, "expires_at"),
                Sql.instant(rows, "revoked_at"),
                Sql.instant(rows, "grace_until"));
    }

    static long count(Connection connection, String sql, Object... parameters) throws SQLException {
        return one(connection, rows -> rows.getLong(1), sql, parameters).orElse(0L);
    }
}
