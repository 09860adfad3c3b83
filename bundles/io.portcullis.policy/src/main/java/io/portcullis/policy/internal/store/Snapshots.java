package io.portcullis.policy.internal.store;

import io.portcullis.store.Database;
import io.portcullis.store.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads every workspace's enablements and read-only flags for the gate's in-memory snapshot: the one
 * read that crosses workspaces, in one transaction scoped {@code all} (on PostgreSQL).
 */
public final class Snapshots {

    static final String SCOPE_SETTING = "portcullis.policy_scope";
    static final String ALL = "all";

    /** Everything the per-call decision needs from the workspaces. */
    public record WorkspaceRows(List<Enablement> enablements, Set<String> readOnlyWorkspaces) {}

    private final Database database;

    public Snapshots(Database database) {
        this.database = database;
    }

    public WorkspaceRows load() throws SQLException {
        return database.inTransaction(c -> {
            Jdbc.setLocal(database, c, SCOPE_SETTING, ALL);
            List<Enablement> enablements = Jdbc.list(c, Snapshots::enablement,
                    "SELECT workspace_id, plugin_id, enabled_by, enabled_at FROM policy.workspace_plugins");
            Set<String> readOnly = new HashSet<>(Jdbc.list(c, rows -> rows.getString(1),
                    "SELECT workspace_id FROM policy.workspace_policies WHERE read_only"));
            return new WorkspaceRows(enablements, readOnly);
        });
    }

    static Enablement enablement(ResultSet rows) throws SQLException {
        return new Enablement(rows.getString("workspace_id"), rows.getString("plugin_id"),
                rows.getString("enabled_by"), Jdbc.requiredInstant(rows, "enabled_at"));
    }
}
