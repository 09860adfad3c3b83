package io.portcullis.vault.internal.credentials;

import io.portcullis.store.Jdbc;
import io.portcullis.vault.CredentialKind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the credential tables: rows into {@link StoredCredential} (with their bindings) and
 * ciphertexts into {@link SealedValue}. Every query filters on the workspace as well as relying on
 * row-level security, so H2, which has none, isolates workspaces the same way.
 */
final class CredentialRows {

    static final String COLUMNS = "id, workspace_id, name, kind, metadata, allowed_hosts, read_only, expires_at, "
            + "version, fingerprint, created_at, rotated_at, last_used_at";
    static final String SELECT = "SELECT " + COLUMNS + " FROM vault.credentials ";

    private CredentialRows() {}

    static Optional<StoredCredential> find(Connection connection, String workspaceId, String id) throws SQLException {
        Optional<StoredCredential> row = Jdbc.one(
                connection, CredentialRows::read, SELECT + "WHERE id = ? AND workspace_id = ?", id, workspaceId);
        if (row.isEmpty()) {
            return row;
        }
        List<String> plugins = plugins(connection, workspaceId, id, id).getOrDefault(id, List.of());
        return Optional.of(row.get().withBoundPlugins(plugins));
    }

    /** Up to {@code limit} credentials after {@code after} in id order, each with its bindings. */
    static List<StoredCredential> page(Connection connection, String workspaceId, String after, int limit)
            throws SQLException {
        List<StoredCredential> rows = Jdbc.list(
                connection,
                CredentialRows::read,
                SELECT + "WHERE workspace_id = ? AND id > ? ORDER BY id FETCH FIRST " + limit + " ROWS ONLY",
                workspaceId,
                after);
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, List<String>> plugins = plugins(
                connection,
                workspaceId,
                rows.get(0).id(),
                rows.get(rows.size() - 1).id());
        List<StoredCredential> result = new ArrayList<>(rows.size());
        for (StoredCredential row : rows) {
            result.add(row.withBoundPlugins(plugins.getOrDefault(row.id(), List.of())));
        }
        return result;
    }

    /** The ciphertext of a credential of the workspace, with the version it was sealed for. */
    static Optional<SealedValue> sealed(Connection connection, String workspaceId, String id) throws SQLException {
        return Jdbc.one(
                connection,
                CredentialRows::sealed,
                "SELECT workspace_id, id, version, ciphertext FROM vault.credentials WHERE id = ? AND workspace_id = ?",
                id,
                workspaceId);
    }

    /** Every ciphertext of a workspace, for the start-up load. */
    static List<SealedValue> allSealed(Connection connection, String workspaceId) throws SQLException {
        return Jdbc.list(
                connection,
                CredentialRows::sealed,
                "SELECT workspace_id, id, version, ciphertext FROM vault.credentials WHERE workspace_id = ? ORDER BY id",
                workspaceId);
    }

    /** Bound plugins of the credentials with ids in {@code [from, to]}, by credential id, sorted. */
    private static Map<String, List<String>> plugins(Connection connection, String workspaceId, String from, String to)
            throws SQLException {
        Map<String, List<String>> plugins = new TreeMap<>();
        for (String[] binding : Jdbc.list(
                connection,
                rows -> new String[] {rows.getString(1), rows.getString(2)},
                "SELECT credential_id, plugin_id FROM vault.credential_bindings WHERE workspace_id = ?"
                        + " AND credential_id >= ? AND credential_id <= ? ORDER BY credential_id, plugin_id",
                workspaceId,
                from,
                to)) {
            plugins.computeIfAbsent(binding[0], id -> new ArrayList<>()).add(binding[1]);
        }
        return plugins;
    }

    private static StoredCredential read(ResultSet rows) throws SQLException {
        String kind = rows.getString("kind");
        return new StoredCredential(
                rows.getString("id"),
                rows.getString("workspace_id"),
                rows.getString("name"),
                CredentialKind.parse(kind == null ? "" : kind).orElseThrow(() -> new SQLException("unknown kind")),
                JsonText.parseObject("metadata", rows.getString("metadata")),
                JsonText.parseArray("allowed_hosts", rows.getString("allowed_hosts")),
                rows.getBoolean("read_only"),
                Jdbc.instant(rows, "expires_at"),
                rows.getInt("version"),
                rows.getString("fingerprint"),
                Jdbc.requiredInstant(rows, "created_at"),
                Jdbc.instant(rows, "rotated_at"),
                Jdbc.instant(rows, "last_used_at"),
                List.of());
    }

    private static SealedValue sealed(ResultSet rows) throws SQLException {
        return new SealedValue(
                rows.getString("workspace_id"),
                rows.getString("id"),
                rows.getInt("version"),
                rows.getBytes("ciphertext"));
    }
}
