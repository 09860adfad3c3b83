package io.portcullis.policy.internal.store;

import io.portcullis.policy.WorkspacePolicy;
import io.portcullis.store.Database;
import io.portcullis.store.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every workspace's enablements and policies for the gate's in-memory snapshot: the one
 * read that crosses workspaces, in one transaction scoped {@code all} (on PostgreSQL).
 */
public final class Snapshots {

    static final String SCOPE_SETTING = "portcullis.policy_scope";
    static final String ALL = "all";

    /** Everything the per-call decision needs from the workspaces. */
    public record WorkspaceRows(List<Enablement> enablements, Map<String, WorkspacePolicy> policies) {}

    private final Database database;

    public Snapshots(Database database) {
        this.database = database;
    }

    public WorkspaceRows load() throws SQLException {
        return database.inTransaction(c -> {
            Jdbc.setLocal(database, c, SCOPE_SETTING, ALL);
            List<Enablement> enablements = Jdbc.list(
                    c,
                    Snapshots::enablement,
                    "SELECT workspace_id, plugin_id, enabled_by, enabled_at FROM policy.workspace_plugins");
            Map<String, WorkspacePolicy> policies = new HashMap<>();
            for (Map.Entry<String, WorkspacePolicy> row : Jdbc.list(
                    c,
                    rows -> Map.entry(rows.getString("workspace_id"), PolicyDocuments.read(rows)),
                    "SELECT workspace_id, read_only, document FROM policy.workspace_policies")) {
                policies.put(row.getKey(), row.getValue());
            }
            return new WorkspaceRows(enablements, policies);
        });
    }

    static Enablement enablement(ResultSet rows) throws SQLException {
        return new Enablement(
                rows.getString("workspace_id"),
                rows.getString("plugin_id"),
                rows.getString("enabled_by"),
                Jdbc.requiredInstant(rows, "enabled_at"));
    }
}
