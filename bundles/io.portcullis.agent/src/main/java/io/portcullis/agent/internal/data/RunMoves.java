package io.portcullis.agent.internal.data;

import static io.portcullis.agent.internal.data.RunRows.UNFINISHED;

import io.portcullis.store.Database;
import io.portcullis.store.Jdbc;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The moves of a run, each one conditional UPDATE: claim and renew (leases on the database's clock),
 * transition and the cancel request. An ended run never moves again.
 */
final class RunMoves {

    /** Now plus a bound number of milliseconds, on the database's clock: alike on H2 2 and PostgreSQL. */
    private static final String LEASE_UNTIL = "CURRENT_TIMESTAMP + CAST(? AS BIGINT) * INTERVAL '0.001' SECOND";

    private final Database database;
    private final Clock clock;

    RunMoves(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    Optional<Run> claim(String workspaceId, String runId, Set<RunState> from, String node, Duration lease)
            throws SQLException {
        // An ended run never moves again, whatever the caller lists.
        Object[] states = from.stream()
                .filter(s -> !s.terminal())
                .map(RunState::id)
                .sorted()
                .toArray();
        if (states.length == 0) {
            return Optional.empty();
        }
        Instant now = Jdbc.now(clock);
        String sql = "UPDATE agent.runs r SET state = 'running', lease_owner = ?, lease_until = " + LEASE_UNTIL
                + ", updated_at = ? WHERE r.workspace_id = ? AND r.id = ? AND r.state IN ("
                + StoreSql.marks(states.length) + ")"
                + " AND (r.lease_until IS NULL OR r.lease_until < CURRENT_TIMESTAMP OR r.lease_owner = ?)"
                // Runs of a conversation run one at a time, in order: a queued run waits for older ones.
                + " AND (r.state <> 'queued' OR NOT EXISTS (SELECT 1 FROM agent.runs o"
                + " WHERE o.workspace_id = r.workspace_id AND o.conversation_id = r.conversation_id"
                + " AND o.state IN " + UNFINISHED
                + " AND (o.created_at < r.created_at OR (o.created_at = r.created_at AND o.id < r.id))))";
        @Nullable Object[] parameters = StoreSql.concat(
                StoreSql.concat(new Object[] {node, lease.toMillis(), now, workspaceId, runId}, states), node);
        return database.inWorkspace(workspaceId, connection -> {
            if (Jdbc.update(connection, sql, parameters) != 1) {
                return Optional.empty();
            }
            return JdbcRunStore.get(connection, workspaceId, runId);
        });
    }

    boolean renew(String workspaceId, String runId, String node, Duration lease) throws SQLException {
        return database.inWorkspace(
                workspaceId,
                connection -> Jdbc.update(
                                connection,
                                "UPDATE agent.runs SET lease_until = " + LEASE_UNTIL
                                        + " WHERE workspace_id = ? AND id = ? AND state = 'running' AND lease_owner = ?",
                                lease.toMillis(),
                                workspaceId,
                                runId,
                                node)
                        == 1);
    }

    boolean transition(String workspaceId, String runId, RunState from, RunState to, @Nullable String endReason)
            throws SQLException {
        if (from.terminal()) {
            return false; // an ended run never moves again
        }
        Instant now = Jdbc.now(clock);
        String set;
        @Nullable Object[] values;
        if (to.terminal()) {
            set = "state = ?, end_reason = ?, ended_at = ?, lease_owner = NULL, lease_until = NULL, updated_at = ?";
            values = new Object[] {to.id(), endReason, now, now};
        } else if (to == RunState.RUNNING) {
            set = "state = ?, updated_at = ?";
            values = new Object[] {to.id(), now};
        } else {
            set = "state = ?, lease_owner = NULL, lease_until = NULL, updated_at = ?";
            values = new Object[] {to.id(), now};
        }
        @Nullable Object[] parameters = StoreSql.concat(values, workspaceId, runId, from.id());
        return database.inWorkspace(
                workspaceId,
                connection -> Jdbc.update(
                                connection,
                                "UPDATE agent.runs SET " + set + " WHERE workspace_id = ? AND id = ? AND state = ?",
                                parameters)
                        == 1);
    }

    boolean requestCancel(String workspaceId, String runId) throws SQLException {
        Instant now = Jdbc.now(clock);
        return database.inWorkspace(
                workspaceId,
                connection -> Jdbc.update(
                                connection,
                                "UPDATE agent.runs SET cancel_requested = TRUE, updated_at = ?"
                                        + " WHERE workspace_id = ? AND id = ? AND state IN " + UNFINISHED,
                                now,
                                workspaceId,
                                runId)
                        == 1);
    }
}
