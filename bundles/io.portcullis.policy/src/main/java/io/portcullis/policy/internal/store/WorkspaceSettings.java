package io.portcullis.policy.internal.store;

import io.portcullis.policy.WorkspacePolicy;
import io.portcullis.store.Database;
import io.portcullis.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** A workspace's enabled plugins and its policy; every query runs in the workspace's own transaction. */
public final class WorkspaceSettings {

    /** SQLSTATE of a unique key violation, on H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final Database database;

    public WorkspaceSettings(Database database) {
        this.database = database;
    }

    public List<Enablement> enablements(String workspaceId) throws SQLException {
        return database.inWorkspace(
                workspaceId,
                c -> Jdbc.list(
                        c,
                        Snapshots::enablement,
                        "SELECT workspace_id, plugin_id, enabled_by, enabled_at FROM policy.workspace_plugins "
                                + "WHERE workspace_id = ? ORDER BY plugin_id",
                        workspaceId));
    }

    /** Enables the plugin; an existing enablement is kept as it was. */
    public void enable(Enablement enablement) throws SQLException {
        database.inWorkspace(enablement.workspaceId(), c -> {
            int present = Jdbc.list(
                            c,
                            rows -> 1,
                            "SELECT 1 FROM policy.workspace_plugins WHERE workspace_id = ? " + "AND plugin_id = ?",
                            enablement.workspaceId(),
                            enablement.pluginId())
                    .size();
            if (present == 0) {
                Jdbc.update(
                        c,
                        "INSERT INTO policy.workspace_plugins (workspace_id, plugin_id, enabled_by, enabled_at) "
                                + "VALUES (?, ?, ?, ?)",
                        enablement.workspaceId(),
                        enablement.pluginId(),
                        enablement.enabledBy(),
                        enablement.enabledAt());
            }
            return null;
        });
    }

    /** True if it was enabled. */
    public boolean disable(String workspaceId, String pluginId) throws SQLException {
        return database.inWorkspace(
                workspaceId,
                c -> Jdbc.update(
                                c,
                                "DELETE FROM policy.workspace_plugins WHERE workspace_id = ? AND plugin_id = ?",
                                workspaceId,
                                pluginId)
                        > 0);
    }

    /** The workspace's policy; {@link WorkspacePolicy#DEFAULT} when it never set one. */
    public WorkspacePolicy policy(String workspaceId) throws SQLException {
        return database.inWorkspace(
                workspaceId,
                c -> Jdbc.one(
                                c,
                                PolicyDocuments::read,
                                "SELECT read_only, document FROM policy.workspace_policies WHERE workspace_id = ?",
                                workspaceId)
                        .orElse(WorkspacePolicy.DEFAULT));
    }

    /** What a policy change does with the policy in force: answers the new one, or throws to change nothing. */
    @FunctionalInterface
    public interface PolicyChange {
        WorkspacePolicy apply(WorkspacePolicy current) throws SQLException;
    }

    /** Replaces the workspace's policy whatever it was. */
    public void setPolicy(String workspaceId, WorkspacePolicy policy, Instant at) throws SQLException {
        updatePolicy(workspaceId, current -> policy, at);
    }

    /**
     * Reads the policy with its row locked ({@code SELECT ... FOR UPDATE}), hands it to {@code change} and
     * writes what it answers, all in one transaction: two concurrent changes run one after the other, so
     * neither is lost. A change that throws rolls back and leaves the policy as it was.
     *
     * @return the policy now stored
     */
    public WorkspacePolicy updatePolicy(String workspaceId, PolicyChange change, Instant at) throws SQLException {
        ensureRow(workspaceId, at);
        return database.inWorkspace(workspaceId, c -> {
            WorkspacePolicy current = Jdbc.one(
                            c,
                            PolicyDocuments::read,
                            "SELECT read_only, document FROM "
                                    + "policy.workspace_policies WHERE workspace_id = ? FOR UPDATE",
                            workspaceId)
                    .orElse(WorkspacePolicy.DEFAULT);
            WorkspacePolicy next = change.apply(current);
            Jdbc.update(
                    c,
                    "UPDATE policy.workspace_policies SET read_only = ?, document = ?, updated_at = ? "
                            + "WHERE workspace_id = ?",
                    next.readOnly(),
                    PolicyDocuments.write(next),
                    at,
                    workspaceId);
            return next;
        });
    }

    /**
     * A row holding the defaults, for a workspace that never set a policy, so that there is a row to lock
     * (it reads the same as no row). Two first changes racing here: the loser's insert fails on the key
     * and the winner's row serves both.
     */
    private void ensureRow(String workspaceId, Instant at) throws SQLException {
        String defaults = PolicyDocuments.write(WorkspacePolicy.DEFAULT);
        try {
            database.inWorkspace(
                    workspaceId,
                    c -> Jdbc.update(
                            c,
                            "INSERT INTO policy.workspace_policies "
                                    + "(workspace_id, read_only, document, updated_at) SELECT ?, ?, ?, ? WHERE NOT EXISTS "
                                    + "(SELECT 1 FROM policy.workspace_policies WHERE workspace_id = ?)",
                            workspaceId,
                            WorkspacePolicy.DEFAULT.readOnly(),
                            defaults,
                            at,
                            workspaceId));
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    /** The workspace's rows, deleted inside the transaction that deletes the workspace. */
    public static void deleteWorkspace(Connection connection, String workspaceId) throws SQLException {
        Jdbc.update(connection, "DELETE FROM policy.workspace_plugins WHERE workspace_id = ?", workspaceId);
        Jdbc.update(connection, "DELETE FROM policy.workspace_policies WHERE workspace_id = ?", workspaceId);
    }
}
