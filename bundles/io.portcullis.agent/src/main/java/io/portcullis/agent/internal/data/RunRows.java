package io.portcullis.agent.internal.data;

import io.portcullis.store.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The columns of {@code agent.runs}, {@code agent.run_steps} and {@code agent.run_events}, and their rows. */
final class RunRows {

    static final String RUN_COLUMNS = "id, workspace_id, conversation_id, agent_id, agent_version, trigger_message_id,"
            + " state, actor_kind, actor_id, label, cancel_requested, lease_owner, lease_until, model_calls, tool_calls,"
            + " input_tokens, output_tokens, cost_micros, active_millis, approval_id, end_reason, created_at,"
            + " updated_at, ended_at";

    static final String STEP_COLUMNS = "workspace_id, run_id, seq, kind, state, tool_call_id, tool, approval_id,"
            + " usage_id, prompt_sha256, label, detail, created_at, finished_at";

    static final String EVENT_COLUMNS = "run_id, seq, type, data, created_at";

    /** The states of a run that has not ended. */
    static final String UNFINISHED = "('queued', 'running', 'awaiting_approval')";

    private RunRows() {}

    static Run run(ResultSet rows) throws SQLException {
        return new Run(
                rows.getString("id"),
                rows.getString("workspace_id"),
                rows.getString("conversation_id"),
                rows.getString("agent_id"),
                rows.getInt("agent_version"),
                rows.getString("trigger_message_id"),
                RunState.of(rows.getString("state")),
                rows.getString("actor_kind"),
                rows.getString("actor_id"),
                StoreSql.trust(rows.getString("label")),
                rows.getBoolean("cancel_requested"),
                rows.getString("lease_owner"),
                Jdbc.instant(rows, "lease_until"),
                rows.getInt("model_calls"),
                rows.getInt("tool_calls"),
                rows.getLong("input_tokens"),
                rows.getLong("output_tokens"),
                rows.getLong("cost_micros"),
                rows.getLong("active_millis"),
                rows.getString("approval_id"),
                rows.getString("end_reason"),
                Jdbc.requiredInstant(rows, "created_at"),
                Jdbc.requiredInstant(rows, "updated_at"),
                Jdbc.instant(rows, "ended_at"));
    }

    static RunStep step(ResultSet rows) throws SQLException {
        return new RunStep(
                rows.getString("run_id"),
                rows.getInt("seq"),
                rows.getString("kind"),
                rows.getString("state"),
                rows.getString("tool_call_id"),
                rows.getString("tool"),
                rows.getString("approval_id"),
                rows.getString("usage_id"),
                rows.getString("prompt_sha256"),
                StoreSql.trust(rows.getString("label")),
                rows.getString("detail"),
                Jdbc.requiredInstant(rows, "created_at"),
                Jdbc.instant(rows, "finished_at"));
    }

    static RunEvent event(ResultSet rows) throws SQLException {
        return new RunEvent(
                rows.getString("run_id"),
                rows.getLong("seq"),
                rows.getString("type"),
                rows.getString("data"),
                Jdbc.requiredInstant(rows, "created_at"));
    }
}
