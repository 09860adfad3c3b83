package io.portcullis.policy.internal.store;

import io.portcullis.policy.internal.plugins.Grant;
import io.portcullis.policy.internal.plugins.PluginRecord;
import io.portcullis.policy.internal.plugins.PluginStatus;
import io.portcullis.store.Database;
import io.portcullis.store.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Plugins and their grants. Platform tables: no workspace scope. A plugin's {@code grant} is the
 * newest unrevoked grant for its exact jar (name and SHA-256); an older jar's grant never applies.
 */
public final class PluginStore {

    private static final String COLUMNS = "id, version, kind, sha256, location, source, status, requested_scopes, "
            + "findings, reasons, installed_at, updated_at";

    private final Database database;

    public PluginStore(Database database) {
        this.database = database;
    }

    public List<PluginRecord> list() throws SQLException {
        return database.inTransaction(c -> {
            List<PluginRecord> plugins = new ArrayList<>();
            for (PluginRecord row :
                    Jdbc.list(c, PluginStore::row, "SELECT " + COLUMNS + " FROM policy.plugins ORDER BY id")) {
                plugins.add(withGrant(c, row));
            }
            return plugins;
        });
    }

    public Optional<PluginRecord> find(String id) throws SQLException {
        return database.inTransaction(c -> one(c, "id", id));
    }

    public Optional<PluginRecord> findByLocation(String location) throws SQLException {
        return database.inTransaction(c -> one(c, "location", location));
    }

    /** Inserts or replaces the plugin's row; its grants are untouched. */
    public void save(PluginRecord plugin) throws SQLException {
        database.inTransaction(c -> {
            Object[] values = {
                plugin.version(),
                plugin.kind(),
                plugin.sha256(),
                plugin.location(),
                plugin.source(),
                plugin.status().id(),
                Columns.scopes(plugin.requestedScopes()),
                Columns.json(plugin.findings()),
                Columns.json(plugin.reasons()),
                plugin.installedAt(),
                plugin.updatedAt(),
                plugin.id()
            };
            int updated = Jdbc.update(
                    c,
                    "UPDATE policy.plugins SET version = ?, kind = ?, sha256 = ?, location = ?, "
                            + "source = ?, status = ?, requested_scopes = ?, findings = ?, reasons = ?, installed_at = ?, "
                            + "updated_at = ? WHERE id = ?",
                    values);
            if (updated == 0) {
                Jdbc.update(
                        c,
                        "INSERT INTO policy.plugins (version, kind, sha256, location, source, status, "
                                + "requested_scopes, findings, reasons, installed_at, updated_at, id) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        values);
            }
            return null;
        });
    }

    /** Deletes the plugin, stamps its grants revoked, and deletes its enablements in every workspace. */
    public void delete(String id, String actorId, Instant at) throws SQLException {
        database.inTransaction(c -> {
            revokeGrants(c, id, actorId, at);
            Jdbc.setLocal(database, c, Snapshots.SCOPE_SETTING, Snapshots.ALL);
            Jdbc.update(c, "DELETE FROM policy.workspace_plugins WHERE plugin_id = ?", id);
            Jdbc.update(c, "DELETE FROM policy.plugins WHERE id = ?", id);
            return null;
        });
    }

    public Grant grant(Grant grant) throws SQLException {
        database.inTransaction(c -> Jdbc.update(
                c,
                "INSERT INTO policy.plugin_grants (plugin_id, version, sha256, scopes, "
                        + "granted_by, granted_at) VALUES (?, ?, ?, ?, ?, ?)",
                grant.pluginId(),
                grant.version(),
                grant.sha256(),
                Columns.scopes(grant.scopes()),
                grant.grantedBy(),
                grant.grantedAt()));
        return grant;
    }

    /** What revoking a plugin did: how many grants it stamped, and the workspaces it was enabled in. */
    public record Revocation(int grants, List<String> disabledIn) {

        public Revocation {
            disabledIn = List.copyOf(disabledIn);
        }
    }

    /**
     * Stamps every unrevoked grant of the plugin revoked and, in the same transaction, deletes its
     * enablement in every workspace: a later grant makes it active but enabled nowhere, so no workspace
     * runs it again without its admins deciding so.
     */
    public Revocation revoke(String id, String actorId, Instant at) throws SQLException {
        return database.inTransaction(c -> {
            int grants = revokeGrants(c, id, actorId, at);
            Jdbc.setLocal(database, c, Snapshots.SCOPE_SETTING, Snapshots.ALL);
            List<String> enabledIn = Jdbc.list(
                    c,
                    rows -> rows.getString("workspace_id"),
                    "SELECT workspace_id FROM policy.workspace_plugins WHERE plugin_id = ? ORDER BY workspace_id",
                    id);
            Jdbc.update(c, "DELETE FROM policy.workspace_plugins WHERE plugin_id = ?", id);
            return new Revocation(grants, enabledIn);
        });
    }

    private static int revokeGrants(Connection c, String id, String actorId, Instant at) throws SQLException {
        return Jdbc.update(
                c,
                "UPDATE policy.plugin_grants SET revoked_by = ?, revoked_at = ? "
                        + "WHERE plugin_id = ? AND revoked_at IS NULL",
                actorId,
                at,
                id);
    }

    private Optional<PluginRecord> one(Connection c, String column, String value) throws SQLException {
        Optional<PluginRecord> row = Jdbc.one(
                c, PluginStore::row, "SELECT " + COLUMNS + " FROM policy.plugins WHERE " + column + " = ?", value);
        return row.isEmpty() ? row : Optional.of(withGrant(c, row.get()));
    }

    private static PluginRecord withGrant(Connection c, PluginRecord plugin) throws SQLException {
        @Nullable Grant grant = Jdbc.one(
                        c,
                        PluginStore::grantRow,
                        "SELECT plugin_id, version, sha256, scopes, "
                                + "granted_by, granted_at FROM policy.plugin_grants WHERE plugin_id = ? AND sha256 = ? "
                                + "AND revoked_at IS NULL ORDER BY id DESC",
                        plugin.id(),
                        plugin.sha256())
                .orElse(null);
        return plugin.withStatus(plugin.status(), plugin.reasons(), grant, plugin.updatedAt());
    }

    private static PluginRecord row(ResultSet rows) throws SQLException {
        return new PluginRecord(
                rows.getString("id"),
                rows.getString("version"),
                rows.getString("kind"),
                rows.getString("sha256"),
                rows.getString("location"),
                rows.getString("source"),
                PluginStatus.valueOf(rows.getString("status").toUpperCase(Locale.ROOT)),
                Columns.scopes(rows.getString("requested_scopes")),
                null,
                Columns.findings(rows.getString("findings")),
                Columns.reasons(rows.getString("reasons")),
                Jdbc.requiredInstant(rows, "installed_at"),
                Jdbc.requiredInstant(rows, "updated_at"));
    }

    private static Grant grantRow(ResultSet rows) throws SQLException {
        return new Grant(
                rows.getString("plugin_id"),
                rows.getString("version"),
                rows.getString("sha256"),
                Columns.scopes(rows.getString("scopes")),
                rows.getString("granted_by"),
                Jdbc.requiredInstant(rows, "granted_at"));
    }
}
