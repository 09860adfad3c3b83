package io.portcullis.policy.internal.store;

import io.portcullis.store.Database;
import io.portcullis.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import io.portcullis.policy.WorkspacePolicy;
import java.util.List;

/** A workspace's enabled plugins and its policy; every query runs in the workspace's own transaction. */
public final class WorkspaceSettings {

    private final Database database;

    public WorkspaceSettings(Database database) {
        this.database = database;
    }

    public List<Enablement> enablements(String workspaceId) throws SQLException {
        return database.inWorkspace(workspaceId, c -> Jdbc.list(c, Snapshots::enablement,
                "SELECT workspace_id, plugin_id, enabled_by, enabled_at FROM policy.workspace_plugins "
                        + "WHERE workspace_id = ? ORDER BY plugin_id", workspaceId));
    }

    /** Enables the plugin; an existing enablement is kept as it was. */
    public void enable(Enablement enablement) throws SQLException {
        database.inWorkspace(enablement.workspaceId(), c -> {
            int present = Jdbc.list(c, rows -> 1, "SELECT 1 FROM policy.workspace_plugins WHERE workspace_id = ? "
                    + "AND plugin_id = ?", enablement.workspaceId(), enablement.pluginId()).size();
            if (present == 0) {
                Jdbc.update(c, "INSERT INTO policy.workspace_plugins (workspace_id, plugin_id, enabled_by, enabled_at) "
                        + "VALUES (?, ?, ?, ?)", enablement.workspaceId(), enablement.pluginId(),
                        enablement.enabledBy(), enablement.enabledAt());
            }
            return null;
        });
    }

    /** True if it was enabled. */
    public boolean disable(String workspaceId, String pluginId) throws SQLException {
        return database.inWorkspace(workspaceId, c -> Jdbc.update(c,
                "DELETE FROM policy.workspace_plugins WHERE workspace_id = ? AND plugin_id = ?", workspaceId, pluginId) > 0);
    }

    /** The workspace's policy; {@link WorkspacePolicy#DEFAULT} when it never set one. */
    public WorkspacePolicy policy(String workspaceId) throws SQLException {
        return database.inWorkspace(workspaceId, c -> Jdbc.one(c, PolicyDocuments::read,
                "SELECT read_only, document FROM policy.workspace_policies WHERE workspace_id = ?", workspaceId)
                .orElse(WorkspacePolicy.DEFAULT));
    }

    public void setPolicy(String workspaceId, WorkspacePolicy policy, Instant at) throws SQLException {
        String document = PolicyDocuments.write(policy);
        database.inWorkspace(workspaceId, c -> {
            if (Jdbc.update(c, "UPDATE policy.workspace_policies SET read_only = ?, document = ?, updated_at = ? "
                    + "WHERE workspace_id = ?", policy.readOnly(), document, at, workspaceId) == 0) {
                Jdbc.update(c, "INSERT INTO policy.workspace_policies (workspace_id, read_only, document, updated_at) "
                        + "VALUES (?, ?, ?, ?)", workspaceId, policy.readOnly(), document, at);
            }
            return null;
        });
    }

    /** The workspace's rows, deleted inside the transaction that deletes the workspace. */
    public static void deleteWorkspace(Connection connection, String workspaceId) throws SQLException {
        Jdbc.update(connection, "DELETE FROM policy.workspace_plugins WHERE workspace_id = ?", workspaceId);
        Jdbc.update(connection, "DELETE FROM policy.workspace_policies WHERE workspace_id = ?", workspaceId);
    }
}
