package io.portcullis.tools.internal.approvals;

import io.portcullis.store.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reading approvals and their history; SQL of {@link ApprovalStore}, in its transactions. */
final class ApprovalRows {

    static final String COLUMNS = "id, workspace_id, tool, tool_version, plugin_id, risk, display_arguments, run_id,"
            + " requester_kind, requester_id, created_at, expires_at, status, decided_by, decided_at, executed_at,"
            + " outcome, result, reason, argument_digest, policy_version, evidence";

    /** 0 for pending, 1 for the others: the first part of the queue's order and of its cursor. */
    static final String RANK = "CASE WHEN status = 'pending' THEN 0 ELSE 1 END";

    private ApprovalRows() {}

    static Approval map(ResultSet rows) throws SQLException {
        return new Approval(
                rows.getString("id"),
                rows.getString("workspace_id"),
                rows.getString("tool"),
                rows.getString("tool_version"),
                rows.getString("plugin_id"),
                rows.getString("risk"),
                rows.getString("display_arguments"),
                rows.getString("run_id"),
                rows.getString("requester_kind"),
                rows.getString("requester_id"),
                Jdbc.requiredInstant(rows, "created_at"),
                Jdbc.requiredInstant(rows, "expires_at"),
                ApprovalStatus.parse(rows.getString("status")),
                rows.getString("decided_by"),
                Jdbc.instant(rows, "decided_at"),
                Jdbc.instant(rows, "executed_at"),
                rows.getString("outcome"),
                rows.getString("result"),
                rows.getString("reason"),
                rows.getString("argument_digest"),
                rows.getString("policy_version"),
                rows.getString("evidence"),
                List.of());
    }

    /** {@code approvals} with their history read in one more query. */
    static List<Approval> withHistory(Connection connection, String workspaceId, List<Approval> approvals)
            throws SQLException {
        if (approvals.isEmpty()) {
            return approvals;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(approvals.size(), "?"));
        Object[] parameters = new Object[approvals.size() + 1];
        parameters[0] = workspaceId;
        for (int i = 0; i < approvals.size(); i++) {
            parameters[i + 1] = approvals.get(i).id();
        }
        Map<String, List<Approval.Transition>> history = new HashMap<>();
        for (Object[] row : Jdbc.list(
                connection,
                rows -> new Object[] {
                    rows.getString("approval_id"),
                    new Approval.Transition(
                            ApprovalStatus.parse(rows.getString("status")),
                            rows.getString("actor_id"),
                            Jdbc.requiredInstant(rows, "at"))
                },
                "SELECT approval_id, status, actor_id, at FROM tools.approval_history WHERE workspace_id = ?"
                        + " AND approval_id IN (" + marks + ") ORDER BY at",
                parameters)) {
            history.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add((Approval.Transition) row[1]);
        }
        // Steps of one call can share a timestamp; the statuses' own order breaks the tie.
        Comparator<Approval.Transition> order = Comparator.comparing(Approval.Transition::at)
                .thenComparing(t -> t.status().ordinal());
        history.values().forEach(list -> list.sort(order));
        return approvals.stream()
                .map(a -> a.withHistory(history.getOrDefault(a.id(), List.of())))
                .toList();
    }
}
