package io.portcullis.tools.internal.approvals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.store.Database;
import io.portcullis.store.Jdbc;
import io.portcullis.tools.ApprovalState;
import io.portcullis.tools.internal.invoke.PendingApprovals;
import io.portcullis.tools.internal.schema.JsonValues;
import io.portcullis.web.Page;
import io.portcullis.web.PageRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A workspace's approvals. Every method runs in {@link Database#inWorkspace} and filters on
 * {@code workspace_id}, so another workspace's approval is as missing as one that never was. Each
 * status change is one conditional {@code UPDATE} whose {@code WHERE} names the status it leaves, so
 * among concurrent deciders exactly one moves an approval and the others find it moved. Pending
 * approvals past their expiry are marked {@code expired} whenever the workspace's queue is read.
 */
public final class ApprovalStore implements PendingApprovals {

    /** The cursor of the queue: the rank (0 pending, 1 decided) and the last id. */
    public static final Pattern CURSOR = Pattern.compile("[01][0-9a-f]{24}");

    /** An approval claimed for running, with the arguments to run it with. */
    public record Claimed(Approval approval, String arguments) {}

    /**
     * Checks, inside the claiming transaction, that the approver may still decide (their role, read and
     * locked there), then records the decision; throwing rolls the claim back.
     */
    @FunctionalInterface
    public interface ClaimCheck {
        void check(Connection connection) throws SQLException;
    }

    private final Database database;
    private final Clock clock;

    public ApprovalStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public void create(PendingApprovals.Request r) throws SQLException {
        database.inWorkspace(r.workspaceId(), connection -> {
            Jdbc.update(
                    connection,
                    "INSERT INTO tools.approvals (id, workspace_id, tool, tool_version, plugin_id, risk,"
                            + " arguments, display_arguments, run_id, requester_kind, requester_id, created_at, expires_at,"
                            + " status, reason, argument_digest, policy_version, evidence)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)",
                    r.id(),
                    r.workspaceId(),
                    r.tool(),
                    r.toolVersion(),
                    r.pluginId(),
                    r.risk().id(),
                    r.arguments(),
                    r.displayArguments(),
                    r.runId(),
                    r.requester().kind(),
                    r.requester().id(),
                    micros(r.createdAt()),
                    micros(r.expiresAt()),
                    r.reason(),
                    r.argumentDigest(),
                    r.policyVersion(),
                    r.evidence());
            history(
                    connection,
                    r.workspaceId(),
                    r.id(),
                    ApprovalStatus.PENDING,
                    r.requester().id(),
                    micros(r.createdAt()));
            return null;
        });
    }

    /**
     * Where approval {@code id} stands, for the run waiting on it: a pending one past its expiry is stored
     * as {@code expired} first; the result (redacted JSON) once it ran.
     */
    @Override
    public Optional<ApprovalState> state(String workspaceId, String id) throws SQLException {
        Instant now = Jdbc.now(clock);
        return database.inWorkspace(workspaceId, connection -> {
            expire(connection, workspaceId, id, now, true);
            return Jdbc.one(
                    connection,
                    rows -> new ApprovalState(rows.getString("status"), result(rows.getString("result"))),
                    "SELECT status, result FROM tools.approvals WHERE workspace_id = ? AND id = ?",
                    workspaceId,
                    id);
        });
    }

    /**
     * Moves every pending approval of run {@code runId} to {@code expired} (its run was cancelled), each
     * with its history entry (no actor: the server moved it); answers those it moved.
     */
    @Override
    public List<PendingApprovals.Expired> expireRun(String workspaceId, String runId) throws SQLException {
        Instant now = Jdbc.now(clock);
        return database.inWorkspace(workspaceId, connection -> {
            List<String> pending = Jdbc.list(
                    connection,
                    rows -> rows.getString(1),
                    "SELECT id FROM tools.approvals WHERE workspace_id = ? AND run_id = ? AND status = 'pending'"
                            + " ORDER BY id",
                    workspaceId,
                    runId);
            List<PendingApprovals.Expired> expired = new ArrayList<>();
            for (String id : pending) {
                if (expire(connection, workspaceId, id, now, false)) {
                    expired.add(new PendingApprovals.Expired(id, runId));
                }
            }
            return expired;
        });
    }

    private static @Nullable ObjectNode result(@Nullable String json) throws SQLException {
        if (json == null) {
            return null;
        }
        try {
            JsonNode node = JsonValues.MAPPER.readTree(json);
            return node instanceof ObjectNode object ? object : null;
        } catch (JsonProcessingException e) {
            throw new SQLException("an approval's stored result is not JSON");
        }
    }

    public Optional<Approval> find(String workspaceId, String id) throws SQLException {
        return database.inWorkspace(workspaceId, connection -> {
            expireDue(connection, workspaceId);
            return read(connection, workspaceId, id);
        });
    }

    /** Pending approvals first, then the others; by id within each. */
    public Page<Approval> list(String workspaceId, PageRequest page) throws SQLException {
        int rank = page.after().isEmpty() ? -1 : page.after().charAt(0) - '0';
        String after = page.after().isEmpty() ? "" : page.after().substring(1);
        return database.inWorkspace(workspaceId, connection -> {
            expireDue(connection, workspaceId);
            List<Approval> rows = Jdbc.list(
                    connection,
                    ApprovalRows::map,
                    "SELECT " + ApprovalRows.COLUMNS
                            + " FROM tools.approvals WHERE workspace_id = ? AND (" + ApprovalRows.RANK + " > ? OR ("
                            + ApprovalRows.RANK + " = ? AND id > ?)) ORDER BY " + ApprovalRows.RANK + ", id"
                            + " FETCH FIRST " + page.fetch() + " ROWS ONLY",
                    workspaceId,
                    rank,
                    rank,
                    after);
            return page.page(
                    ApprovalRows.withHistory(connection, workspaceId, rows),
                    a -> (a.status() == ApprovalStatus.PENDING ? "0" : "1") + a.id());
        });
    }

    /** Runs {@code check} in a transaction of its own in {@code workspaceId}, changing nothing. */
    public void check(String workspaceId, ClaimCheck check) throws SQLException {
        database.inWorkspace(workspaceId, connection -> {
            check.check(connection);
            return null;
        });
    }

    /** As {@link #claim(String, String, String, ClaimCheck)} with nothing to check. */
    public Optional<Claimed> claim(String workspaceId, String id, String approverId) throws SQLException {
        return claim(workspaceId, id, approverId, connection -> {});
    }

    /**
     * Moves a pending, unexpired approval to {@code approved}; empty if it was not (any more) pending.
     * {@code check} runs in the same transaction once the approval is claimed, before the commit.
     */
    public Optional<Claimed> claim(String workspaceId, String id, String approverId, ClaimCheck check)
            throws SQLException {
        Instant now = Jdbc.now(clock);
        return database.inWorkspace(workspaceId, connection -> {
            int moved = Jdbc.update(
                    connection,
                    "UPDATE tools.approvals SET status = 'approved', decided_by = ?,"
                            + " decided_at = ? WHERE workspace_id = ? AND id = ? AND status = 'pending' AND expires_at > ?",
                    approverId,
                    now,
                    workspaceId,
                    id,
                    now);
            if (moved != 1) {
                return Optional.<Claimed>empty();
            }
            history(connection, workspaceId, id, ApprovalStatus.APPROVED, approverId, now);
            String arguments = Jdbc.one(
                            connection,
                            rows -> rows.getString(1),
                            "SELECT arguments FROM tools.approvals WHERE workspace_id = ? AND id = ?",
                            workspaceId,
                            id)
                    .orElseThrow(() -> new SQLException("approval " + id + " vanished while claimed"));
            check.check(connection);
            return Optional.of(new Claimed(read(connection, workspaceId, id).orElseThrow(), arguments));
        });
    }

    /** Moves a pending approval to {@code denied} (even if expired since: a denial is never wrong). */
    public boolean deny(String workspaceId, String id, String actorId) throws SQLException {
        Instant now = Jdbc.now(clock);
        return database.inWorkspace(workspaceId, connection -> {
            int moved = Jdbc.update(
                    connection,
                    "UPDATE tools.approvals SET status = 'denied', decided_by = ?,"
                            + " decided_at = ?, arguments = NULL WHERE workspace_id = ? AND id = ? AND status = 'pending'"
                            + " AND expires_at > ?",
                    actorId,
                    now,
                    workspaceId,
                    id,
                    now);
            if (moved == 1) {
                history(connection, workspaceId, id, ApprovalStatus.DENIED, actorId, now);
            }
            return moved == 1;
        });
    }

    /**
     * Records how an approved call ended: {@code executed} or {@code failed}, with its outcome code and
     * its redacted result (JSON), which the requester reads as the approver did.
     */
    public void finish(
            String workspaceId,
            String id,
            ApprovalStatus status,
            String outcome,
            String actorId,
            @Nullable String result)
            throws SQLException {
        Instant now = Jdbc.now(clock);
        database.inWorkspace(workspaceId, connection -> {
            int moved = Jdbc.update(
                    connection,
                    "UPDATE tools.approvals SET status = ?, executed_at = ?, outcome = ?,"
                            + " result = ?, arguments = NULL WHERE workspace_id = ? AND id = ? AND status = 'approved'",
                    status.id(),
                    now,
                    outcome,
                    result,
                    workspaceId,
                    id);
            if (moved == 1) {
                history(connection, workspaceId, id, status, actorId, now);
            }
            return null;
        });
    }

    /** Deletes the workspace's approvals and their history, in the workspace-deleting transaction. */
    public static void deleteWorkspace(Connection connection, String workspaceId) throws SQLException {
        Jdbc.update(connection, "DELETE FROM tools.approval_history WHERE workspace_id = ?", workspaceId);
        Jdbc.update(connection, "DELETE FROM tools.approvals WHERE workspace_id = ?", workspaceId);
    }

    private void expireDue(Connection connection, String workspaceId) throws SQLException {
        Instant now = Jdbc.now(clock);
        List<String> due = Jdbc.list(
                connection,
                rows -> rows.getString(1),
                "SELECT id FROM tools.approvals" + " WHERE workspace_id = ? AND status = 'pending' AND expires_at <= ?",
                workspaceId,
                now);
        for (String id : due) {
            expire(connection, workspaceId, id, now, false);
        }
    }

    /**
     * Moves pending approval {@code id} to {@code expired} (only once past its expiry if {@code onlyDue}),
     * clearing its arguments, with its history entry; true if it moved.
     */
    private static boolean expire(Connection connection, String workspaceId, String id, Instant now, boolean onlyDue)
            throws SQLException {
        int moved = onlyDue
                ? Jdbc.update(
                        connection,
                        "UPDATE tools.approvals SET status = 'expired', arguments = NULL"
                                + " WHERE workspace_id = ? AND id = ? AND status = 'pending' AND expires_at <= ?",
                        workspaceId,
                        id,
                        now)
                : Jdbc.update(
                        connection,
                        "UPDATE tools.approvals SET status = 'expired', arguments = NULL"
                                + " WHERE workspace_id = ? AND id = ? AND status = 'pending'",
                        workspaceId,
                        id);
        if (moved == 1) {
            history(connection, workspaceId, id, ApprovalStatus.EXPIRED, null, now);
        }
        return moved == 1;
    }

    private static Optional<Approval> read(Connection connection, String workspaceId, String id) throws SQLException {
        Optional<Approval> row = Jdbc.one(
                connection,
                ApprovalRows::map,
                "SELECT " + ApprovalRows.COLUMNS + " FROM tools.approvals WHERE workspace_id = ? AND id = ?",
                workspaceId,
                id);
        if (row.isEmpty()) {
            return row;
        }
        return Optional.of(ApprovalRows.withHistory(connection, workspaceId, List.of(row.get()))
                .get(0));
    }

    private static void history(
            Connection connection,
            String workspaceId,
            String id,
            ApprovalStatus status,
            @Nullable String actorId,
            Instant at)
            throws SQLException {
        Jdbc.update(
                connection,
                "INSERT INTO tools.approval_history (workspace_id, approval_id, status, actor_id, at)"
                        + " VALUES (?, ?, ?, ?, ?)",
                workspaceId,
                id,
                status.id(),
                actorId,
                at);
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
