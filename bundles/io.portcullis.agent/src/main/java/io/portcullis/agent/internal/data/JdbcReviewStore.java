package io.portcullis.agent.internal.data;

import io.portcullis.store.Database;
import io.portcullis.store.Ids;
import io.portcullis.store.Jdbc;
import io.portcullis.web.Page;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@link ReviewStore} on the {@code agent} schema. The queue lists open and in-progress items before
 * resolved ones, so its paging cursor is the group ({@code 0} unresolved, {@code 1} resolved) and the
 * last id: {@code 0} + 24 hex characters.
 */
public final class JdbcReviewStore implements ReviewStore {

    public static final String OPEN = "open";
    public static final String IN_PROGRESS = "in_progress";
    public static final String RESOLVED = "resolved";

    /** A paging cursor: the group digit and an item id. */
    public static final Pattern CURSOR = Pattern.compile("[01][0-9a-f]{" + Ids.LENGTH + "}");

    /** The moves of status an update may make (staying put is no move). */
    private static final Map<String, Set<String>> MOVES = Map.of(
            OPEN, Set.of(IN_PROGRESS, RESOLVED),
            IN_PROGRESS, Set.of(RESOLVED),
            RESOLVED, Set.of(OPEN));

    private static final String COLUMNS = "id, workspace_id, kind, conversation_id, run_id, reason, detail, status,"
            + " assignee, created_at, updated_at";
    /** The longest detail the column holds; a longer one is cut (a handoff must not fail on its text). */
    static final int DETAIL_LENGTH = 2048;

    private static final String GROUP = "CASE WHEN status = 'resolved' THEN 1 ELSE 0 END";

    private final Database database;
    private final Clock clock;

    public JdbcReviewStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public ReviewItem open(
            String workspaceId,
            String kind,
            @Nullable String conversationId,
            @Nullable String runId,
            String reason,
            String detail,
            String actorId)
            throws SQLException {
        Instant now = Jdbc.now(clock);
        ReviewItem item = new ReviewItem(
                Ids.next(), workspaceId, kind, conversationId, runId, reason, clip(detail), OPEN, null, now, now);
        database.inWorkspace(workspaceId, connection -> {
            Jdbc.update(
                    connection,
                    "INSERT INTO agent.review_items (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
                    item.id(),
                    workspaceId,
                    kind,
                    conversationId,
                    runId,
                    reason,
                    item.detail(),
                    OPEN,
                    now,
                    now);
            history(connection, workspaceId, item.id(), 1, OPEN, null, actorId, now);
            return null;
        });
        return item;
    }

    @Override
    public Optional<ReviewItem> find(String workspaceId, String itemId) throws SQLException {
        return database.inWorkspace(workspaceId, connection -> get(connection, workspaceId, itemId, false));
    }

    @Override
    public Page<ReviewItem> list(String workspaceId, @Nullable String status, PageRequest page) throws SQLException {
        String cursor = page.after();
        int group = cursor.isEmpty() ? 0 : cursor.charAt(0) - '0';
        String after = cursor.isEmpty() ? "" : cursor.substring(1);
        List<ReviewItem> rows = database.inWorkspace(
                workspaceId,
                connection -> Jdbc.list(
                        connection,
                        JdbcReviewStore::row,
                        "SELECT " + COLUMNS + " FROM agent.review_items WHERE workspace_id = ?"
                                + " AND (CAST(? AS VARCHAR(16)) IS NULL OR status = ?)"
                                + " AND (" + GROUP + " > ? OR (" + GROUP + " = ? AND id > ?))"
                                + " ORDER BY " + GROUP + ", id FETCH FIRST " + page.fetch() + " ROWS ONLY",
                        workspaceId,
                        status,
                        status,
                        group,
                        group,
                        after));
        return page.page(rows, item -> (RESOLVED.equals(item.status()) ? "1" : "0") + item.id());
    }

    @Override
    public Optional<ReviewItem> update(
            String workspaceId,
            String itemId,
            @Nullable String status,
            @Nullable String assignee,
            String actorId,
            Runnable record)
            throws SQLException {
        if (status != null && !MOVES.containsKey(status)) {
            throw ProblemException.badRequest("A review item's status is open, in_progress or resolved.");
        }
        Instant now = Jdbc.now(clock);
        return database.inWorkspace(workspaceId, connection -> {
            Optional<ReviewItem> found = get(connection, workspaceId, itemId, true);
            if (found.isEmpty()) {
                return found;
            }
            ReviewItem item = found.get();
            String nextStatus = status == null ? item.status() : status;
            if (!nextStatus.equals(item.status()) && !MOVES.get(item.status()).contains(nextStatus)) {
                throw ProblemException.conflict(
                        "A review item cannot move from " + item.status() + " to " + nextStatus + ".");
            }
            String nextAssignee = assignee == null ? item.assignee() : assignee.isEmpty() ? null : assignee;
            if (nextStatus.equals(item.status()) && Objects.equals(nextAssignee, item.assignee())) {
                record.run();
                return found; // nothing changed: no history entry
            }
            Jdbc.update(
                    connection,
                    "UPDATE agent.review_items SET status = ?, assignee = ?, updated_at = ?"
                            + " WHERE workspace_id = ? AND id = ?",
                    nextStatus,
                    nextAssignee,
                    now,
                    workspaceId,
                    itemId);
            int seq = (int) StoreSql.nextSeq(
                    connection, "agent.review_items", "agent.review_history", "item_id", workspaceId, itemId);
            history(connection, workspaceId, itemId, seq, nextStatus, nextAssignee, actorId, now);
            record.run();
            return get(connection, workspaceId, itemId, false);
        });
    }

    @Override
    public List<ReviewItem.Change> history(String workspaceId, String itemId) throws SQLException {
        return database.inWorkspace(
                workspaceId,
                connection -> Jdbc.list(
                        connection,
                        rows -> new ReviewItem.Change(
                                rows.getInt("seq"),
                                rows.getString("status"),
                                rows.getString("assignee"),
                                rows.getString("actor_id"),
                                Jdbc.requiredInstant(rows, "at")),
                        "SELECT seq, status, assignee, actor_id, at FROM agent.review_history"
                                + " WHERE workspace_id = ? AND item_id = ? ORDER BY seq",
                        workspaceId,
                        itemId));
    }

    /** {@code text}, cut to {@value #DETAIL_LENGTH} characters without splitting a surrogate pair. */
    static String clip(String text) {
        if (text.length() <= DETAIL_LENGTH) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(DETAIL_LENGTH - 2)) ? DETAIL_LENGTH - 2 : DETAIL_LENGTH - 1;
        return text.substring(0, end) + "\u2026";
    }

    /** The item; with {@code lock}, locked until the transaction ends (updates of one item queue up). */
    private static Optional<ReviewItem> get(Connection connection, String workspaceId, String itemId, boolean lock)
            throws SQLException {
        return Jdbc.one(
                connection,
                JdbcReviewStore::row,
                "SELECT " + COLUMNS + " FROM agent.review_items WHERE workspace_id = ? AND id = ?"
                        + (lock ? " FOR UPDATE" : ""),
                workspaceId,
                itemId);
    }

    private static void history(
            Connection connection,
            String workspaceId,
            String itemId,
            int seq,
            String status,
            @Nullable String assignee,
            String actorId,
            Instant at)
            throws SQLException {
        Jdbc.update(
                connection,
                "INSERT INTO agent.review_history (workspace_id, item_id, seq, status, assignee, actor_id, at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                workspaceId,
                itemId,
                seq,
                status,
                assignee,
                actorId,
                at);
    }

    private static ReviewItem row(ResultSet rows) throws SQLException {
        return new ReviewItem(
                rows.getString("id"),
                rows.getString("workspace_id"),
                rows.getString("kind"),
                rows.getString("conversation_id"),
                rows.getString("run_id"),
                rows.getString("reason"),
                rows.getString("detail"),
                rows.getString("status"),
                rows.getString("assignee"),
                Jdbc.requiredInstant(rows, "created_at"),
                Jdbc.requiredInstant(rows, "updated_at"));
    }
}
