package io.portcullis.agent.internal.data;

import static io.portcullis.agent.internal.data.RunRows.EVENT_COLUMNS;
import static io.portcullis.agent.internal.data.RunRows.STEP_COLUMNS;

import io.portcullis.store.Database;
import io.portcullis.store.Jdbc;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A run's steps and events: numbered rows appended under the run's row lock. */
final class RunLog {

    /** The state of a step parked for an approval: not finished. */
    private static final String PENDING = "pending";

    private final Database database;
    private final Clock clock;

    RunLog(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    RunStep startStep(String workspaceId, String runId, NewStep step) throws SQLException {
        Instant now = Jdbc.now(clock);
        return database.inWorkspace(workspaceId, connection -> {
            int seq = (int) StoreSql.nextSeq(connection, "agent.runs", "agent.run_steps", "run_id", workspaceId, runId);
            RunStep started = new RunStep(
                    runId,
                    seq,
                    step.kind(),
                    "started",
                    step.toolCallId(),
                    step.tool(),
                    null,
                    null,
                    step.promptSha256(),
                    step.label(),
                    step.detail(),
                    now,
                    null);
            Jdbc.update(
                    connection,
                    "INSERT INTO agent.run_steps (" + STEP_COLUMNS
                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, NULL)",
                    workspaceId,
                    runId,
                    seq,
                    started.kind(),
                    started.state(),
                    started.toolCallId(),
                    started.tool(),
                    started.promptSha256(),
                    StoreSql.trust(started.label()),
                    started.detail(),
                    now);
            return started;
        });
    }

    void finishStep(
            String workspaceId,
            String runId,
            int seq,
            String state,
            String detail,
            @Nullable String usageId,
            @Nullable String approvalId)
            throws SQLException {
        Instant finished = PENDING.equals(state) ? null : Jdbc.now(clock);
        database.inWorkspace(
                workspaceId,
                connection -> Jdbc.update(
                        connection,
                        // A step parked with its approval keeps it when it finishes later (null: unchanged).
                        "UPDATE agent.run_steps SET state = ?, detail = ?, usage_id = COALESCE(?, usage_id),"
                                + " approval_id = COALESCE(?, approval_id), finished_at = ?"
                                + " WHERE workspace_id = ? AND run_id = ? AND seq = ?",
                        state,
                        detail,
                        usageId,
                        approvalId,
                        finished,
                        workspaceId,
                        runId,
                        seq));
    }

    List<RunStep> steps(String workspaceId, String runId) throws SQLException {
        return database.inWorkspace(
                workspaceId,
                connection -> Jdbc.list(
                        connection,
                        RunRows::step,
                        "SELECT " + STEP_COLUMNS + " FROM agent.run_steps WHERE workspace_id = ? AND run_id = ?"
                                + " ORDER BY seq",
                        workspaceId,
                        runId));
    }

    long appendEvent(String workspaceId, String runId, String type, String data) throws SQLException {
        Instant now = Jdbc.now(clock);
        return database.inWorkspace(workspaceId, connection -> {
            long seq = StoreSql.nextSeq(connection, "agent.runs", "agent.run_events", "run_id", workspaceId, runId);
            Jdbc.update(
                    connection,
                    "INSERT INTO agent.run_events (workspace_id, " + EVENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
                    workspaceId,
                    runId,
                    seq,
                    type,
                    data,
                    now);
            return seq;
        });
    }

    List<RunEvent> events(String workspaceId, String runId, long afterSeq, int max) throws SQLException {
        if (max <= 0) {
            return List.of();
        }
        return database.inWorkspace(
                workspaceId,
                connection -> Jdbc.list(
                        connection,
                        RunRows::event,
                        "SELECT " + EVENT_COLUMNS + " FROM agent.run_events WHERE workspace_id = ? AND run_id = ?"
                                + " AND seq > ? ORDER BY seq FETCH FIRST " + max + " ROWS ONLY",
                        workspaceId,
                        runId,
                        afterSeq));
    }
}
