package io.portcullis.agent.internal.data;

import static io.portcullis.agent.internal.data.RunRows.RUN_COLUMNS;

import io.portcullis.spi.ModelProvider.Trust;
import io.portcullis.store.Database;
import io.portcullis.store.Ids;
import io.portcullis.store.Jdbc;
import io.portcullis.web.Page;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@link RunStore} on the {@code agent} schema. Every move of a run is one conditional UPDATE; lease
 * times are the database's ({@code CURRENT_TIMESTAMP}), the times shown ({@code created_at},
 * {@code updated_at}, {@code ended_at}) the clock's. Runs of one conversation are ordered by
 * {@code created_at}, which {@link #create} makes strictly increasing within a conversation.
 */
public final class JdbcRunStore implements RunStore {

    /** A paging cursor: a run id. */
    public static final Pattern CURSOR = Pattern.compile("[0-9a-f]{" + Ids.LENGTH + "}");

    /** The setting that lets {@link #due}'s one transaction read every workspace's runs (policy {@code runs_sweep}). */
    static final String SCOPE_SETTING = "portcullis.agent_scope";

    private final Database database;
    private final Clock clock;
    private final RunLog log;
    private final RunMoves moves;

    public JdbcRunStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.log = new RunLog(database, clock);
        this.moves = new RunMoves(database, clock);
    }

    @Override
    public Run create(String workspaceId, NewRun run) throws SQLException {
        Instant now = Jdbc.now(clock);
        String id = Ids.next();
        return database.inWorkspace(workspaceId, connection -> {
            Instant created = after(connection, workspaceId, run.conversationId(), now);
            Jdbc.update(
                    connection,
                    "INSERT INTO agent.runs (" + RUN_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, FALSE,"
                            + " NULL, NULL, 0, 0, 0, 0, 0, 0, NULL, NULL, ?, ?, NULL)",
                    id,
                    workspaceId,
                    run.conversationId(),
                    run.agentId(),
                    run.agentVersion(),
                    run.triggerMessageId(),
                    run.actorKind(),
                    run.actorId(),
                    StoreSql.trust(run.label()),
                    created,
                    created);
            return get(connection, workspaceId, id).orElseThrow();
        });
    }

    /**
     * Locks the conversation (404 when it is not in the workspace) and returns {@code now}, or a
     * microsecond after its newest run when the clock has not moved past it: the order of runs.
     */
    private static Instant after(Connection connection, String workspaceId, String conversationId, Instant now)
            throws SQLException {
        boolean locked = Jdbc.one(
                        connection,
                        rows -> rows.getString(1),
                        "SELECT id FROM agent.conversations WHERE workspace_id = ? AND id = ? FOR UPDATE",
                        workspaceId,
                        conversationId)
                .isPresent();
        if (!locked) {
            throw ProblemException.notFound();
        }
        Instant newest = Jdbc.one(
                        connection,
                        rows -> Jdbc.requiredInstant(rows, "created_at"),
                        "SELECT created_at FROM agent.runs WHERE workspace_id = ? AND conversation_id = ?"
                                + " ORDER BY created_at DESC FETCH FIRST 1 ROWS ONLY",
                        workspaceId,
                        conversationId)
                .orElse(null);
        return newest == null || now.isAfter(newest) ? now : newest.plus(1, ChronoUnit.MICROS);
    }

    @Override
    public Optional<Run> find(String workspaceId, String runId) throws SQLException {
        return database.inWorkspace(workspaceId, connection -> get(connection, workspaceId, runId));
    }

    @Override
    public Page<Run> list(String workspaceId, @Nullable String conversationId, PageRequest page) throws SQLException {
        List<Run> rows = database.inWorkspace(
                workspaceId,
                connection -> Jdbc.list(
                        connection,
                        RunRows::run,
                        "SELECT " + RUN_COLUMNS + " FROM agent.runs WHERE workspace_id = ?"
                                + " AND (CAST(? AS VARCHAR(24)) IS NULL OR conversation_id = ?) AND id > ?"
                                + " ORDER BY id FETCH FIRST " + page.fetch() + " ROWS ONLY",
                        workspaceId,
                        conversationId,
                        conversationId,
                        page.after()));
        return page.page(rows, Run::id);
    }

    @Override
    public Optional<Run> claim(String workspaceId, String runId, Set<RunState> from, String node, Duration lease)
            throws SQLException {
        return moves.claim(workspaceId, runId, from, node, lease);
    }

    @Override
    public boolean renew(String workspaceId, String runId, String node, Duration lease) throws SQLException {
        return moves.renew(workspaceId, runId, node, lease);
    }

    /**
     * {@inheritDoc} A move to {@code running} keeps the lease as it is: a run waiting for an approval
     * (which holds none) is resumed with {@link #claim}, which takes one.
     */
    @Override
    public boolean transition(String workspaceId, String runId, RunState from, RunState to, @Nullable String endReason)
            throws SQLException {
        return moves.transition(workspaceId, runId, from, to, endReason);
    }

    @Override
    public boolean requestCancel(String workspaceId, String runId) throws SQLException {
        return moves.requestCancel(workspaceId, runId);
    }

    @Override
    public void count(
            String workspaceId,
            String runId,
            int modelCalls,
            int toolCalls,
            long inputTokens,
            long outputTokens,
            long costMicros,
            long activeMillis)
            throws SQLException {
        Instant now = Jdbc.now(clock);
        database.inWorkspace(
                workspaceId,
                connection -> Jdbc.update(
                        connection,
                        "UPDATE agent.runs SET model_calls = model_calls + ?, tool_calls = tool_calls + ?,"
                                + " input_tokens = input_tokens + ?, output_tokens = output_tokens + ?,"
                                + " cost_micros = cost_micros + ?, active_millis = active_millis + ?, updated_at = ?"
                                + " WHERE workspace_id = ? AND id = ?",
                        modelCalls,
                        toolCalls,
                        inputTokens,
                        outputTokens,
                        costMicros,
                        activeMillis,
                        now,
                        workspaceId,
                        runId));
    }

    @Override
    public void mark(String workspaceId, String runId, Trust label, @Nullable String approvalId) throws SQLException {
        Instant now = Jdbc.now(clock);
        database.inWorkspace(
                workspaceId,
                connection -> Jdbc.update(
                        connection,
                        // Sticky: once untrusted, a run stays so whatever label is passed.
                        "UPDATE agent.runs SET label = CASE WHEN label = 'untrusted' THEN 'untrusted' ELSE ? END,"
                                + " approval_id = ?, updated_at = ? WHERE workspace_id = ? AND id = ?",
                        StoreSql.trust(label),
                        approvalId,
                        now,
                        workspaceId,
                        runId));
    }

    @Override
    public RunStep startStep(String workspaceId, String runId, NewStep step) throws SQLException {
        return log.startStep(workspaceId, runId, step);
    }

    @Override
    public void finishStep(
            String workspaceId,
            String runId,
            int seq,
            String state,
            String detail,
            @Nullable String usageId,
            @Nullable String approvalId)
            throws SQLException {
        log.finishStep(workspaceId, runId, seq, state, detail, usageId, approvalId);
    }

    @Override
    public List<RunStep> steps(String workspaceId, String runId) throws SQLException {
        return log.steps(workspaceId, runId);
    }

    @Override
    public long appendEvent(String workspaceId, String runId, String type, String data) throws SQLException {
        return log.appendEvent(workspaceId, runId, type, data);
    }

    @Override
    public List<RunEvent> events(String workspaceId, String runId, long afterSeq, int max) throws SQLException {
        return log.events(workspaceId, runId, afterSeq, max);
    }

    @Override
    public List<Due> due(int max) throws SQLException {
        if (max <= 0) {
            return List.of();
        }
        return database.inTransaction(connection -> {
            Jdbc.setLocal(database, connection, SCOPE_SETTING, "sweep");
            List<Due> due = new ArrayList<>(Jdbc.list(
                    connection,
                    JdbcRunStore::due,
                    "SELECT workspace_id, id, state, approval_id FROM agent.runs WHERE state IN ('queued', 'running')"
                            + " AND (lease_until IS NULL OR lease_until < CURRENT_TIMESTAMP)"
                            + " ORDER BY created_at, id FETCH FIRST " + max + " ROWS ONLY"));
            if (due.size() < max) {
                // Lease-less runs first: runs waiting for approvals must not crowd them out.
                due.addAll(Jdbc.list(
                        connection,
                        JdbcRunStore::due,
                        "SELECT workspace_id, id, state, approval_id FROM agent.runs WHERE state = 'awaiting_approval'"
                                + " ORDER BY updated_at, id FETCH FIRST " + (max - due.size()) + " ROWS ONLY"));
            }
            return List.copyOf(due);
        });
    }

    @Override
    public void deleteWorkspace(Connection connection, String workspaceId) throws SQLException {
        for (String table : List.of(
                "review_history",
                "review_items",
                "run_events",
                "run_steps",
                "runs",
                "messages",
                "conversations",
                "agent_versions",
                "agents")) {
            Jdbc.update(connection, "DELETE FROM agent." + table + " WHERE workspace_id = ?", workspaceId);
        }
    }

    static Optional<Run> get(Connection connection, String workspaceId, String runId) throws SQLException {
        return Jdbc.one(
                connection,
                RunRows::run,
                "SELECT " + RUN_COLUMNS + " FROM agent.runs WHERE workspace_id = ? AND id = ?",
                workspaceId,
                runId);
    }

    private static Due due(java.sql.ResultSet rows) throws SQLException {
        return new Due(
                rows.getString("workspace_id"),
                rows.getString("id"),
                RunState.of(rows.getString("state")),
                rows.getString("approval_id"));
    }
}
